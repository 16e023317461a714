import type { PoolView } from '@streamswap/protocol';
import type { ReactNode } from 'react';
import type { Address } from 'viem';
import { usePoolHistory } from '../hooks/usePoolHistory.js';
import { useTokens } from '../hooks/useTokens.js';
import { copy } from '../lib/copy.js';
import { formatBps } from '../lib/format.js';
import { priceScaled } from '../lib/liquidity.js';
import { feeAprBps, tvlInB, volumeInB } from '../lib/poolStats.js';
import { testIds } from '../lib/testIds.js';
import { Amount } from './Amount.js';
import { PairIcon } from './TokenIcon.js';

/** Price, TVL, 24h volume, fee APR estimate and the user's position value, all in the quote token. */
export function PoolHeadline({ tokenA, tokenB, pool, lp }: { tokenA: Address; tokenB: Address; pool: PoolView; lp: ReactNode }) {
  const tokens = useTokens();
  const metaA = tokens.meta(tokenA);
  const metaB = tokens.meta(tokenB);
  const { history, from, now } = usePoolHistory(tokenA, tokenB, '1d');
  const reserveA = BigInt(pool.reserveA);
  const reserveB = BigInt(pool.reserveB);
  const tvl = tvlInB(reserveA, reserveB);
  const volume = history ? volumeInB(history, Number(from)) : null;
  // the window is the last 24 h, or the pool's whole life when it is younger
  const firstT = history?.points.find((p) => p.t >= Number(from))?.t;
  const windowStart = firstT !== undefined && BigInt(firstT) > from ? BigInt(firstT) : from;
  const apr = volume ? feeAprBps(volume.feesB, tvl, now - windowStart) : null;
  return (
    <div className="card" data-testid={testIds.pool.headline}>
      <div className="pair-head">
        <PairIcon a={metaA} b={metaB} size={28} />
        <h2 style={{ margin: 0 }}>
          {metaA.symbol}/{metaB.symbol}
        </h2>
      </div>
      <div className="headline">
        <div className="stat">
          <span className="muted small">{copy.pool.headPrice}</span>
          <span className="value" data-testid={testIds.pool.headPrice}>
            1 {metaA.symbol} = <Amount value={priceScaled(reserveA, reserveB, metaA.decimals, metaB.decimals)} decimals={18} symbol={metaB.symbol} />
          </span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.pool.headTvl(metaB.symbol)}</span>
          <span className="value">
            <Amount value={tvl} decimals={metaB.decimals} symbol={metaB.symbol} testId={testIds.pool.headTvl} />
          </span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.pool.headVolume}</span>
          <span className="value">{volume ? <Amount value={volume.volumeB} decimals={metaB.decimals} symbol={metaB.symbol} testId={testIds.pool.headVolume} /> : '—'}</span>
        </div>
        <div className="stat">
          <span className="muted small" title={copy.pool.headAprHint}>
            {copy.pool.headApr}
          </span>
          <span className="value num" data-testid={testIds.pool.headApr}>
            {apr !== null ? formatBps(apr) : <span className="muted small">{copy.pool.notEnoughHistory}</span>}
          </span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.pool.headPosition}</span>
          <span className="value">{lp}</span>
        </div>
      </div>
    </div>
  );
}
