import type { HistoryView } from '@streamswap/protocol';

/**
 * The Pool screen's headline figures, all in the quote token B (the second of the pair, as the
 * selectors name it), in bigint base units. Values use the pool's own price (reserveB / reserveA):
 * the app has no outside price feed.
 */
export const SECONDS_PER_YEAR = 365n * 86_400n;
/** The pool keeps 0.3% of every input (997/1000), for its liquidity providers. */
const FEE_NUMERATOR = 3n;
const FEE_DENOMINATOR = 1_000n;

/** `amountA` of token A valued in B at the reserves' price (rounded down). */
export function valueInB(amountA: bigint, reserveA: bigint, reserveB: bigint): bigint {
  return reserveA === 0n ? 0n : (amountA * reserveB) / reserveA;
}

/** Total value locked in B: both reserves at the pool's price. */
export function tvlInB(reserveA: bigint, reserveB: bigint): bigint {
  return reserveB + valueInB(reserveA, reserveA, reserveB);
}

export interface PoolVolume {
  /** input sold into the pool (instant swaps and DCA flows, both directions), valued in B at each point's price */
  volumeB: bigint;
  /** the LPs' 0.3% of that volume */
  feesB: bigint;
}

/** Volume and fees over the history points with t >= from (each point's flows are since the point before it). */
export function volumeInB(history: Pick<HistoryView, 'points'>, from: number): PoolVolume {
  let volumeB = 0n;
  for (const p of history.points) {
    if (p.t < from) continue;
    const inA = BigInt(p.swappedA) + BigInt(p.streamedA);
    const inB = BigInt(p.swappedB) + BigInt(p.streamedB);
    volumeB += inB + valueInB(inA, BigInt(p.reserveA), BigInt(p.reserveB));
  }
  return { volumeB, feesB: (volumeB * FEE_NUMERATOR) / FEE_DENOMINATOR };
}

/** Below an hour of history, a year's extrapolation says more about one burst of trades than about the pool. */
export const MIN_APR_WINDOW_SECONDS = 3_600n;

/**
 * Fee APR estimate in basis points: the window's fees over today's TVL, scaled to a year. Null when
 * there is nothing to estimate from (no TVL, or less than an hour of history).
 */
export function feeAprBps(feesB: bigint, tvlB: bigint, windowSeconds: bigint): bigint | null {
  if (tvlB === 0n || windowSeconds < MIN_APR_WINDOW_SECONDS) return null;
  return (feesB * SECONDS_PER_YEAR * 10_000n) / (tvlB * windowSeconds);
}

/** A liquidity position's value in B: what its LP tokens withdraw, A valued at the pool's price. */
export function positionValueInB(amountA: bigint, amountB: bigint, reserveA: bigint, reserveB: bigint): bigint {
  return amountB + valueInB(amountA, reserveA, reserveB);
}
