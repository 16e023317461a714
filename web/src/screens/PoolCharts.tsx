import { useState } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Address } from 'viem';
import { ChartTooltip } from '../components/ChartTooltip.js';
import { usePoolHistory } from '../hooks/usePoolHistory.js';
import { useTokens } from '../hooks/useTokens.js';
import { axisNumber, axisNumberFor, CHART_RANGES, paddedDomain, toChartPoints, type ChartPoint, type ChartRange } from '../lib/chartSeries.js';
import { copy } from '../lib/copy.js';
import { testIds } from '../lib/testIds.js';
import { timeAxis } from '../lib/timeAxis.js';

const axis = { stroke: 'var(--muted)', fontSize: 11 };
const COLOR_PRICE = '#6c8cff';
const COLOR_A = '#43d1a6';
const COLOR_B = '#f0b429';

/** Price, reserves and trading flow of a pair over a range, on a real time axis (lazy: recharts). */
export default function PoolCharts({ tokenA, tokenB }: { tokenA: Address; tokenB: Address }) {
  const tokens = useTokens();
  const [range, setRange] = useState<ChartRange>('1d');
  const { history, now } = usePoolHistory(tokenA, tokenB, range);
  const metaA = tokens.meta(tokenA);
  const metaB = tokens.meta(tokenB);
  const rows = history ? toChartPoints(history, metaA.decimals, metaB.decimals, Number(now)) : [];
  const empty = history === undefined || history.points.length < 2;
  const first = rows[0]?.t ?? 0;
  const domain: [number, number] = [first, Math.max(Number(now), rows[rows.length - 1]?.t ?? 0)];
  const time = timeAxis(domain[0], domain[1]);
  const priceDomain = paddedDomain(rows.map((r) => r.price));
  const xAxis = <XAxis dataKey="t" type="number" scale="time" domain={domain} ticks={time.ticks} tickFormatter={time.format} {...axis} />;
  const yLabel = (value: string, side: 'insideLeft' | 'insideRight') => ({ value, angle: side === 'insideLeft' ? -90 : 90, position: side, fill: 'var(--muted)', fontSize: 11, style: { textAnchor: 'middle' as const } });

  return (
    <div className="card">
      <div className="spread wrap">
        <h2>
          {metaA.symbol}/{metaB.symbol}
        </h2>
        <div className="chips" role="group" aria-label="Chart range">
          {(Object.keys(CHART_RANGES) as ChartRange[]).map((r) => (
            <button key={r} type="button" className={r === range ? 'chip active' : 'chip'} aria-pressed={r === range} data-testid={testIds.pool.range(r)} onClick={() => setRange(r)}>
              {copy.pool.ranges[r]}
            </button>
          ))}
        </div>
      </div>
      {empty ? (
        <div className="empty" data-testid={testIds.pool.chartEmpty}>
          {copy.pool.chartEmpty}
        </div>
      ) : (
        <div className="chart-grid">
          <div data-testid={testIds.pool.priceChart}>
            <h3>{copy.pool.priceOf(metaA.symbol, metaB.symbol)}</h3>
            <div className="chart-box">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={rows} margin={{ left: 4, right: 8 }}>
                  <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
                  {xAxis}
                  <YAxis domain={priceDomain} width={64} tickFormatter={priceDomain[0] === 'auto' ? axisNumber : axisNumberFor(priceDomain[0], priceDomain[1] as number)} label={yLabel(metaB.symbol, 'insideLeft')} {...axis} />
                  <Tooltip content={<ChartTooltip<ChartPoint> lines={(r) => [{ name: `1 ${metaA.symbol}`, value: r.raw.price, decimals: 18, symbol: metaB.symbol, color: COLOR_PRICE }]} />} />
                  <Line type="stepAfter" dataKey="price" name={copy.pool.price} stroke={COLOR_PRICE} dot={false} strokeWidth={2} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </div>
          <div data-testid={testIds.pool.reservesChart}>
            <h3>{copy.pool.reserves}</h3>
            <div className="chart-box">
              <ResponsiveContainer width="100%" height="100%">
                <AreaChart data={rows} margin={{ left: 4, right: 4 }}>
                  <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
                  {xAxis}
                  <YAxis yAxisId="a" width={64} tickFormatter={axisNumber} label={yLabel(metaA.symbol, 'insideLeft')} {...axis} />
                  <YAxis yAxisId="b" orientation="right" width={64} tickFormatter={axisNumber} label={yLabel(metaB.symbol, 'insideRight')} {...axis} />
                  <Tooltip
                    content={
                      <ChartTooltip<ChartPoint>
                        lines={(r) => [
                          { name: metaA.symbol, value: r.raw.reserveA, decimals: metaA.decimals, symbol: metaA.symbol, color: COLOR_A },
                          { name: metaB.symbol, value: r.raw.reserveB, decimals: metaB.decimals, symbol: metaB.symbol, color: COLOR_B },
                        ]}
                      />
                    }
                  />
                  <Legend />
                  <Area yAxisId="a" type="stepAfter" dataKey="reserveA" name={`${metaA.symbol} (left)`} stroke={COLOR_A} fill="#43d1a633" isAnimationActive={false} />
                  <Area yAxisId="b" type="stepAfter" dataKey="reserveB" name={`${metaB.symbol} (right)`} stroke={COLOR_B} fill="#f0b42922" isAnimationActive={false} />
                </AreaChart>
              </ResponsiveContainer>
            </div>
          </div>
          <div data-testid={testIds.pool.flowChart} className="chart-wide">
            <h3>{copy.pool.flow}</h3>
            <div className="chart-box">
              <ResponsiveContainer width="100%" height="100%">
                {/* on a number axis recharts sizes bars from the closest two points; a fixed width keeps sparse flows visible */}
                <BarChart data={rows} margin={{ left: 4, right: 4 }} barGap={0} barSize={6}>
                  <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
                  {xAxis}
                  <YAxis yAxisId="a" width={64} tickFormatter={axisNumber} label={yLabel(metaA.symbol, 'insideLeft')} {...axis} />
                  <YAxis yAxisId="b" orientation="right" width={64} tickFormatter={axisNumber} label={yLabel(metaB.symbol, 'insideRight')} {...axis} />
                  <Tooltip
                    cursor={{ fill: 'var(--panel-2)' }}
                    content={
                      <ChartTooltip<ChartPoint>
                        lines={(r) => [
                          { name: copy.pool.soldInto(metaA.symbol), value: r.raw.flowA, decimals: metaA.decimals, symbol: metaA.symbol, color: COLOR_A },
                          { name: copy.pool.soldInto(metaB.symbol), value: r.raw.flowB, decimals: metaB.decimals, symbol: metaB.symbol, color: COLOR_B },
                        ]}
                      />
                    }
                  />
                  <Legend />
                  <Bar yAxisId="a" dataKey="streamedA" name={copy.pool.soldInto(metaA.symbol)} fill={COLOR_A} isAnimationActive={false} />
                  <Bar yAxisId="b" dataKey="streamedB" name={copy.pool.soldInto(metaB.symbol)} fill={COLOR_B} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
