import { Area, AreaChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useChainNowMs } from '../hooks/useNow.js';
import { copy } from '../lib/copy.js';
import { streamSeries } from '../lib/streamSeries.js';
import type { StreamTimes } from '../lib/streams.js';
import { testIds } from '../lib/testIds.js';

const when = (t: number) => new Date(t * 1000).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const axis = { stroke: 'var(--muted)', fontSize: 11 };

/** A stream's streamed vs remaining over its life with a "now" marker; lazy-loaded with recharts. */
export default function StreamChart({ id, times, decimals, symbol }: { id: string; times: StreamTimes; decimals: number; symbol: string }) {
  // redrawn with the chain clock's slow updates, not every animation frame: the marker moves a pixel at a time
  const nowMs = useChainNowMs(false) ?? BigInt(Date.now());
  const { points, now } = streamSeries(times, nowMs, decimals);
  return (
    <div className="chart-box small-chart" data-testid={testIds.streams.chart(id)} data-now={now}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={points}>
          <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={when} {...axis} />
          <YAxis width={60} {...axis} />
          <Tooltip labelFormatter={(t) => when(Number(t))} formatter={(v) => `${Number(v).toLocaleString(undefined, { maximumFractionDigits: 4 })} ${symbol}`} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)' }} />
          <Legend />
          <Area type="linear" dataKey="streamed" name={copy.streams.chartStreamed} stroke="#43d1a6" fill="#43d1a633" isAnimationActive={false} />
          <Area type="linear" dataKey="remaining" name={copy.streams.chartRemaining} stroke="#6c8cff" fill="#6c8cff22" isAnimationActive={false} />
          <ReferenceLine x={now} stroke="var(--warn)" strokeDasharray="4 3" label={{ value: copy.streams.now, fill: 'var(--warn)', fontSize: 11, position: 'insideTopLeft' }} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
