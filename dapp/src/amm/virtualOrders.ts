import { FEE_DENOMINATOR, FEE_NUMERATOR, twammSegment } from '@streamswap/protocol';
import type { PairState } from './PairStore.js';

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

/** Trades both directions' flow over dt seconds at the current rates (all amounts in 2^-64 wei). */
export function runSegment(s: PairState, dt: bigint): void {
  if (dt <= 0n) return;
  const flow: [bigint, bigint] = [0n, 0n];
  const net: [bigint, bigint] = [0n, 0n];
  for (const d of [0, 1] as const) {
    const side = s.sides[d];
    if (side.rate === 0n) continue;
    const before = side.sold;
    const after = before + side.rate * dt;
    side.sold = after;
    flow[d] = after - before;
    // fee on the cumulative flow: the total fee does not depend on how execution was split
    net[d] = (after * FEE_NUMERATOR) / FEE_DENOMINATOR - (before * FEE_NUMERATOR) / FEE_DENOMINATOR;
    side.unsold -= flow[d];
    s.streamed[d] += (after >> 64n) - (before >> 64n);
  }
  if (flow[0] === 0n && flow[1] === 0n) return;
  s.fee0 += flow[0] - net[0];
  s.fee1 += flow[1] - net[1];
  const seg = twammSegment(s.reserve0, s.reserve1, net[0], net[1], 64);
  s.reserve0 = seg.x;
  s.reserve1 = seg.y;
  // Side 0 sold token0 and earns token1 (outY); side 1 earns token0 (outX). Rounded down: dust stays owed.
  const [a, b] = s.sides;
  if (seg.outY > 0n) {
    a.owed += seg.outY;
    a.ef += (seg.outY << (EF_BITS - 64n)) / a.rate;
  }
  if (seg.outX > 0n) {
    b.owed += seg.outX;
    b.ef += (seg.outX << (EF_BITS - 64n)) / b.rate;
  }
}

/** Executes the virtual orders of one pair from s.lastT up to t (no-op if t <= s.lastT). */
export function advance(s: PairState, t: bigint, src: ScheduleSource, hooks: AdvanceHooks = {}): void {
  if (t <= s.lastT) return;
  for (;;) {
    const batch = src.next(s.id, s.lastT, t);
    if (batch.length === 0) break;
    let i = 0;
    let changed = false;
    while (i < batch.length && !changed) {
      const at = (batch[i] as ScheduleRow).t;
      const rows: ScheduleRow[] = [];
      while (i < batch.length && (batch[i] as ScheduleRow).t === at) rows.push(batch[i++] as ScheduleRow);
      runSegment(s, at - s.lastT);
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
  runSegment(s, t - s.lastT);
  s.lastT = t;
  hooks.onCheck?.(s, t);
}
