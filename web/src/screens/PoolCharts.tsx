import { historyViewSchema } from '@streamswap/protocol';
import { useState } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Address } from 'viem';
import { useInspect } from '../hooks/useInspect.js';
import { useChainNowMs } from '../hooks/useNow.js';
import { useTokens } from '../hooks/useTokens.js';
import { CHART_RANGES, rangeFrom, toChartPoints, type ChartRange } from '../lib/chartSeries.js';
import { copy } from '../lib/copy.js';
import { testIds } from '../lib/testIds.js';

const time = (t: number) => new Date(t * 1000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
const axis = { stroke: 'var(--muted)', fontSize: 11 };

export default function PoolCharts({ tokenA, tokenB }: { tokenA: Address; tokenB: Address }) {
  const tokens = useTokens();
  const [range, setRange] = useState<ChartRange>('1d');
  const nowMs = useChainNowMs(false) ?? BigInt(Date.now());
  // round `from` to the minute so the query key is stable between polls
  const from = (rangeFrom(range, nowMs / 1000n) / 60n) * 60n;
  const to = nowMs / 1000n + 3600n;
  const history = useInspect(`history/${tokenA}/${tokenB}?from=${from}&to=${to}`, historyViewSchema, { withAt: false, pollMs: 5_000 });
  const metaA = tokens.meta(tokenA);
  const metaB = tokens.meta(tokenB);
  const rows = history.data ? toChartPoints(history.data, metaA.decimals, metaB.decimals) : [];
  const empty = rows.length < 2;

  return (
    <div className="card">
      <div className="spread">
        <h2>
          {metaA.symbol}/{metaB.symbol}
        </h2>
        <div className="chips">
          {(Object.keys(CHART_RANGES) as ChartRange[]).map((r) => (
            <button key={r} type="button" className={r === range ? 'chip active' : 'chip'} data-testid={testIds.pool.range(r)} onClick={() => setRange(r)}>
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
            <h3>
              {copy.pool.price} ({metaB.symbol} per {metaA.symbol})
            </h3>
            <div className="chart-box">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={rows}>
                  <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
                  <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={time} {...axis} />
                  <YAxis domain={['auto', 'auto']} width={60} {...axis} />
                  <Tooltip labelFormatter={(t) => time(Number(t))} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)' }} />
                  <Line type="stepAfter" dataKey="price" stroke="#6c8cff" dot={false} strokeWidth={2} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </div>
          <div data-testid={testIds.pool.reservesChart}>
            <h3>{copy.pool.reserves}</h3>
            <div className="chart-box">
              <ResponsiveContainer width="100%" height="100%">
                <AreaChart data={rows}>
                  <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
                  <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={time} {...axis} />
                  <YAxis yAxisId="a" width={60} {...axis} />
                  <YAxis yAxisId="b" orientation="right" width={60} {...axis} />
                  <Tooltip labelFormatter={(t) => time(Number(t))} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)' }} />
                  <Legend />
                  <Area yAxisId="a" type="stepAfter" dataKey="reserveA" name={metaA.symbol} stroke="#43d1a6" fill="#43d1a633" isAnimationActive={false} />
                  <Area yAxisId="b" type="stepAfter" dataKey="reserveB" name={metaB.symbol} stroke="#f0b429" fill="#f0b42922" isAnimationActive={false} />
                </AreaChart>
              </ResponsiveContainer>
            </div>
          </div>
          <div data-testid={testIds.pool.flowChart} className="chart-wide">
            <h3>{copy.pool.flow}</h3>
            <div className="chart-box">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={rows}>
                  <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
                  <XAxis dataKey="t" tickFormatter={time} {...axis} />
                  <YAxis yAxisId="a" width={60} {...axis} />
                  <YAxis yAxisId="b" orientation="right" width={60} {...axis} />
                  <Tooltip labelFormatter={(t) => time(Number(t))} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)' }} />
                  <Legend />
                  <Bar yAxisId="a" dataKey="streamedA" name={`${metaA.symbol} sold by DCA`} fill="#43d1a6" isAnimationActive={false} />
                  <Bar yAxisId="b" dataKey="streamedB" name={`${metaB.symbol} sold by DCA`} fill="#f0b429" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
