import { Area, AreaChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartTooltip } from '../components/ChartTooltip.js';
import { useChainNowMs } from '../hooks/useNow.js';
import { copy } from '../lib/copy.js';
import { formatAmount } from '../lib/format.js';
import { streamSeries, type StreamPoint } from '../lib/streamSeries.js';
import type { StreamTimes } from '../lib/streams.js';
import { testIds } from '../lib/testIds.js';
import { timeAxis } from '../lib/timeAxis.js';

const axis = { stroke: 'var(--muted)', fontSize: 11 };
const STREAMED = '#43d1a6';
const REMAINING = '#6c8cff';

/**
 * A stream's streamed vs remaining over its life with a "now" marker; lazy-loaded with recharts.
 * A canceled stream's chart ends at the cancel time, where the remaining part went back to the sender.
 */
export default function StreamChart({ id, times, decimals, symbol, tall }: { id: string; times: StreamTimes; decimals: number; symbol: string; tall?: boolean }) {
  // redrawn with the chain clock's slow updates, not every animation frame: the marker moves a pixel at a time
  const nowMs = useChainNowMs(false) ?? BigInt(Date.now());
  const { points, now } = streamSeries(times, nowMs, decimals);
  const first = points[0]?.t ?? 0;
  const last = points.at(-1)?.t ?? first;
  const x = timeAxis(first, last);
  const canceled = times.status === 'canceled';
  const scale = 10 ** decimals;
  return (
    <div className={tall ? 'chart-box' : 'chart-box small-chart'} data-testid={testIds.streams.chart(id)} data-now={now} data-end={last} role="img" aria-label={copy.streams.chartLabel(id, symbol)}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={points}>
          <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" domain={[first, last]} ticks={x.ticks} tickFormatter={x.format} {...axis} />
          <YAxis width={64} tickFormatter={(v: number) => formatAmount(BigInt(Math.floor(v * scale)), decimals, 2)} {...axis} />
          <Tooltip
            content={
              <ChartTooltip<StreamPoint>
                lines={(p) => [
                  { name: copy.streams.chartStreamed, value: p.streamedBase, decimals, symbol, color: STREAMED },
                  { name: canceled && p.t === last ? copy.streams.refunded : copy.streams.chartRemaining, value: p.remainingBase, decimals, symbol, color: REMAINING },
                ]}
              />
            }
          />
          <Legend />
          <Area type="linear" dataKey="streamed" name={copy.streams.chartStreamed} stroke={STREAMED} fill={`${STREAMED}33`} isAnimationActive={false} />
          <Area type="linear" dataKey="remaining" name={canceled ? copy.streams.chartRemainingUntilCancel : copy.streams.chartRemaining} stroke={REMAINING} fill={`${REMAINING}22`} isAnimationActive={false} />
          <ReferenceLine
            x={canceled ? last : now}
            stroke={canceled ? 'var(--error)' : 'var(--warn)'}
            strokeDasharray="4 3"
            label={{ value: canceled ? copy.streams.chartCanceled : copy.streams.now, fill: canceled ? 'var(--error)' : 'var(--warn)', fontSize: 11, position: 'insideTopLeft' }}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
