import { historyViewSchema, type OrderView } from '@streamswap/protocol';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatUnits } from 'viem';
import { ChartTooltip } from '../components/ChartTooltip.js';
import { useInspect } from '../hooks/useInspect.js';
import { useChainNowMs } from '../hooks/useNow.js';
import { useTokens } from '../hooks/useTokens.js';
import { axisNumber, axisNumberFor, paddedDomain, toChartPoints, type ChartPoint } from '../lib/chartSeries.js';
import { copy } from '../lib/copy.js';
import { testIds } from '../lib/testIds.js';
import { timeAxis } from '../lib/timeAxis.js';

const axis = { stroke: 'var(--muted)', fontSize: 11 };

/** The pool price over an order's life (tokenOut per tokenIn), with the order's average and limit as lines. */
export default function OrderChart({ order, average, limit }: { order: OrderView; average: bigint | null; limit: bigint | null }) {
  const tokens = useTokens();
  const metaIn = tokens.meta(order.tokenIn);
  const metaOut = tokens.meta(order.tokenOut);
  const nowS = (useChainNowMs(false) ?? BigInt(Date.now())) / 1000n;
  const endS = BigInt(order.closedAt ?? order.end);
  const until = nowS < endS ? nowS : endS;
  // `to` rounded to the minute: a stable query key between polls
  const to = (until / 60n + 1n) * 60n;
  const query = useInspect(`history/${order.tokenIn}/${order.tokenOut}?from=0&to=${to}`, historyViewSchema, { withAt: false, pollMs: 10_000 });
  const history = query.data && query.data.tokenA.toLowerCase() === order.tokenIn.toLowerCase() ? query.data : undefined;
  // the last point before the start sets the price the order began at
  const points = history ? history.points.filter((p, i, all) => p.t >= order.start || (all[i + 1]?.t ?? Infinity) > order.start) : [];
  const rows = toChartPoints({ points }, metaIn.decimals, metaOut.decimals, Number(until)).map((r) => (r.t < order.start ? { ...r, t: order.start } : r));
  const domain: [number, number] = [order.start, Math.max(Number(until), order.start + 1)];
  const num = (v: bigint) => Number(formatUnits(v, 18));
  const time = timeAxis(domain[0], domain[1]);
  const priceDomain = paddedDomain([...rows.map((r) => r.price), ...(average !== null ? [num(average)] : []), ...(limit !== null ? [num(limit)] : [])]);
  return (
    <div className="card" data-testid={testIds.order.chart}>
      <h2>{copy.order.chartTitle(metaOut.symbol, metaIn.symbol)}</h2>
      {rows.length < 2 ? (
        <div className="empty">{copy.order.chartEmpty}</div>
      ) : (
        <div className="chart-box">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={rows} margin={{ left: 4, right: 8, top: 8 }}>
              <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
              <XAxis dataKey="t" type="number" scale="time" domain={domain} ticks={time.ticks} tickFormatter={time.format} {...axis} />
              <YAxis domain={priceDomain} width={64} tickFormatter={priceDomain[0] === 'auto' ? axisNumber : axisNumberFor(priceDomain[0], priceDomain[1] as number)} label={{ value: metaOut.symbol, angle: -90, position: 'insideLeft', fill: 'var(--muted)', fontSize: 11 }} {...axis} />
              <Tooltip content={<ChartTooltip<ChartPoint> lines={(r) => [{ name: `${copy.order.chartPrice}, 1 ${metaIn.symbol}`, value: r.raw.price, decimals: 18, symbol: metaOut.symbol, color: '#6c8cff' }]} />} />
              <Line type="stepAfter" dataKey="price" name={copy.order.chartPrice} stroke="#6c8cff" dot={false} strokeWidth={2} isAnimationActive={false} />
              {average !== null ? <ReferenceLine y={num(average)} stroke="#43d1a6" strokeDasharray="5 4" label={{ value: copy.order.chartAverage, fill: '#43d1a6', fontSize: 11, position: 'insideTopRight' }} /> : null}
              {limit !== null ? <ReferenceLine y={num(limit)} stroke="var(--error)" strokeDasharray="2 3" label={{ value: copy.order.chartLimit, fill: 'var(--error)', fontSize: 11, position: 'insideBottomRight' }} /> : null}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
