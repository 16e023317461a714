import { FEE_DENOMINATOR, FEE_NUMERATOR, twammSegment } from '@streamswap/protocol';
import type { PairState, Side } from './PairStore.js';

/**
 * Execution of virtual orders (pure, in memory): the pool state moves along the TWAMM closed form between
 * schedule points, where the aggregate sale rates change. Writing snapshots and checking limit orders are
 * the caller's business (hooks), so the same code serves execution (writes) and projection (reads).
 */

/** Earnings-per-unit-rate accumulators are scaled by 2^EF_BITS (per 2^64-scaled rate unit). */
export const EF_BITS = 192n;
export const X64 = 1n << 64n;

export interface ScheduleRow {
  t: bigint;
  dir: 0 | 1;
  delta: bigint;
  ends: number;
}

export interface ScheduleSource {
  /** The schedule rows of the pair with after < t <= upTo, earliest first (a batch; may be a prefix). */
  next(pair: bigint, after: bigint, upTo: bigint): ScheduleRow[];
}

export interface AdvanceHooks {
  /** A schedule point was reached: `efs` are the accumulators at that instant. */
  onPoint?(state: PairState, rows: ScheduleRow[], efs: [bigint, bigint]): void;
  /** Called at every execution point (schedule points and the final time); returns true if it changed the schedule. */
  onCheck?(state: PairState, at: bigint): boolean;
}

/** sold * 997 / 1000 of a side, memoised on the in-memory side object (never stored). */
function netOf(side: Side): bigint {
  if (side.netSold === undefined || side.netSoldOf !== side.sold) {
    side.netSold = (side.sold * FEE_NUMERATOR) / FEE_DENOMINATOR;
    side.netSoldOf = side.sold;
  }
  return side.netSold;
}

/**
 * Moves one side's cumulative flow forward by rate * dt; returns the flow net of fee (2^-64 wei). The fee is
 * taken on the cumulative flow, so the total fee does not depend on how execution was split. The side's
 * unsold input, the fee bucket and the history's streamed counter are settled by `settleFlows` (they telescope).
 */
function sell(side: Side, dt: bigint): bigint {
  if (side.rate === 0n) return 0n;
  const netBefore = netOf(side);
  const after = side.sold + side.rate * dt;
  const netAfter = (after * FEE_NUMERATOR) / FEE_DENOMINATOR;
  side.sold = after;
  side.netSold = netAfter;
  side.netSoldOf = after;
  return netAfter - netBefore;
}

/** Trades both directions' net flow over dt seconds against the curve; pays sellers through owed and EF. */
function tradeSegment(s: PairState, dt: bigint): void {
  if (dt <= 0n) return;
  const [a, b] = s.sides;
  if (a.rate === 0n && b.rate === 0n) return;
  const seg = twammSegment(s.reserve0, s.reserve1, sell(a, dt), sell(b, dt), 64);
  s.reserve0 = seg.x;
  s.reserve1 = seg.y;
  // Side 0 sold token0 and earns token1 (outY); side 1 earns token0 (outX). Rounded down: dust stays owed.
  if (seg.outY > 0n) {
    a.owed += seg.outY;
    a.ef += (seg.outY << (EF_BITS - 64n)) / a.rate;
  }
  if (seg.outX > 0n) {
    b.owed += seg.outX;
    b.ef += (seg.outX << (EF_BITS - 64n)) / b.rate;
  }
}

/**
 * Books the flows sold since `sold` (the sides' cumulative flows before): unsold input falls by the flow, the
 * fee (flow minus its net) goes to the fee bucket, whole wei streamed go to the history counter. Each is a sum
 * over the segments that telescopes, so it is done once per walk instead of once per segment.
 */
function settleFlows(s: PairState, sold: [bigint, bigint], net: [bigint, bigint]): void {
  for (const d of [0, 1] as const) {
    const side = s.sides[d];
    const flow = side.sold - sold[d];
    if (flow === 0n) continue;
    const fee = flow - (netOf(side) - net[d]);
    side.unsold -= flow;
    if (d === 0) s.fee0 += fee;
    else s.fee1 += fee;
    s.streamed[d] += (side.sold >> 64n) - (sold[d] >> 64n);
  }
}

/** Trades both directions' flow over dt seconds at the current rates (all amounts in 2^-64 wei). */
export function runSegment(s: PairState, dt: bigint): void {
  const [a, b] = s.sides;
  const sold: [bigint, bigint] = [a.sold, b.sold];
  const net: [bigint, bigint] = [netOf(a), netOf(b)];
  tradeSegment(s, dt);
  settleFlows(s, sold, net);
}

/** Executes the virtual orders of one pair from s.lastT up to t (no-op if t <= s.lastT). */
export function advance(s: PairState, t: bigint, src: ScheduleSource, hooks: AdvanceHooks = {}): void {
  if (t <= s.lastT) return;
  // hooks may change rates, `unsold` and fees (closing orders) but never read `unsold` or fees: booking the
  // flows once at the end gives the same figures
  const [a, b] = s.sides;
  const sold: [bigint, bigint] = [a.sold, b.sold];
  const net: [bigint, bigint] = [netOf(a), netOf(b)];
  for (;;) {
    const batch = src.next(s.id, s.lastT, t);
    if (batch.length === 0) break;
    let i = 0;
    let changed = false;
    while (i < batch.length && !changed) {
      const at = (batch[i] as ScheduleRow).t;
      const rows: ScheduleRow[] = [];
      while (i < batch.length && (batch[i] as ScheduleRow).t === at) rows.push(batch[i++] as ScheduleRow);
      tradeSegment(s, at - s.lastT);
      s.lastT = at;
      hooks.onPoint?.(s, rows, [s.sides[0].ef, s.sides[1].ef]);
      for (const row of rows) {
        const side = s.sides[row.dir];
        side.rate += row.delta;
        side.open -= row.ends;
      }
      if (hooks.onCheck?.(s, at)) changed = true;
    }
  }
  tradeSegment(s, t - s.lastT);
  s.lastT = t;
  settleFlows(s, sold, net);
  hooks.onCheck?.(s, t);
}
