import { estimateStreamedSwap, poolUnitsToWei, type SaleRateChange, type SwapQuote } from '@streamswap/protocol';
import type { PairState } from './PairStore.js';
import type { PairSchedules } from './OrderStore.js';

/**
 * At most this many distinct schedule points are fed to the estimate (the projection walks each one, like
 * execution). Beyond them the rates reached at the last point are assumed to last until the order's end; this
 * bounds the cost of a quote or a checked submission on a pool with a huge schedule.
 */
export const ESTIMATE_MAX_POINTS = 10_000;

/**
 * The pair's rate changes after `from` up to `until`, seen from direction `dir` (in = the side selling the same
 * token), times relative to `from`, one entry per instant, earliest first, at most `maxPoints` entries.
 */
export function upcomingRateChanges(
  src: PairSchedules,
  pair: bigint,
  dir: 0 | 1,
  from: bigint,
  until: bigint,
  maxPoints = ESTIMATE_MAX_POINTS,
): SaleRateChange[] {
  const out: SaleRateChange[] = [];
  let after = from;
  for (;;) {
    const batch = src.next(pair, after, until);
    if (batch.length === 0) return out;
    for (const row of batch) {
      const rel = row.t - from;
      let last = out[out.length - 1];
      if (last === undefined || last.after !== rel) {
        if (out.length >= maxPoints) return out;
        last = { after: rel, deltaInX64: 0n, deltaOutX64: 0n };
        out.push(last);
      }
      if (row.dir === dir) last.deltaInX64 += row.delta;
      else last.deltaOutX64 += row.delta;
    }
    after = (batch[batch.length - 1] as (typeof batch)[number]).t;
  }
}

/**
 * Estimate of a streamed order selling `amountIn` of direction `dir` from `start` (>= s.lastT) for `duration`
 * seconds, on the pair state `s` (executed or projected to s.lastT), walking the pair's real schedule without
 * writing (estimateStreamedSwap with a schedule).
 */
export function estimateOrder(src: PairSchedules, s: PairState, dir: 0 | 1, amountIn: bigint, start: bigint, duration: bigint): SwapQuote {
  const [rIn, rOut] = dir === 0 ? [poolUnitsToWei(s.reserve0), poolUnitsToWei(s.reserve1)] : [poolUnitsToWei(s.reserve1), poolUnitsToWei(s.reserve0)];
  return estimateStreamedSwap({
    reserveIn: rIn,
    reserveOut: rOut,
    saleRateInX64: s.sides[dir].rate,
    saleRateOutX64: s.sides[(1 - dir) as 0 | 1].rate,
    amountIn,
    duration,
    delay: start - s.lastT,
    schedule: upcomingRateChanges(src, s.id, dir, s.lastT, start + duration),
  });
}
