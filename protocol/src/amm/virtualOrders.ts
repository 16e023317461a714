import { EF_GAIN_BITS, efToWei, POOL_UNIT_BITS } from '../fixedPoint/scales.js';
import { twammSegment } from './twammSegment.js';
import { FEE_DENOMINATOR, FEE_NUMERATOR } from './uniswapV2.js';

/**
 * THE TWAMM engine: executes the virtual orders of one pair between the points of its schedule, where the
 * aggregate sale rates change. Pure bigint, no I/O. The same walk serves the back-end's execution (dapp
 * PairEngine: it writes the snapshots and checks limit orders through the hooks), its projections (reads) and
 * the streamed-order estimate (estimateStreamedSwap with a schedule), so the estimate follows execution's
 * arithmetic by construction.
 *
 * Units: reserves, flows and proceeds in 2^-64 wei; sale rates per second x2^64 (so rate * seconds is exact in
 * 2^-64 wei); EF, the earnings per unit of rate, x2^192 (see fixedPoint/scales.ts).
 */

/** twammSegment's unitBits: the pool's amounts are in 2^-64 wei. */
const POOL_UNIT_BITS_NUMBER = Number(POOL_UNIT_BITS);

/** One sell direction of a pair: 0 sells token0 for token1, 1 sells token1 for token0. */
export interface OrderPoolSide {
  /** Aggregate sale rate of the running orders (per second, x2^64). */
  rate: bigint;
  /** Cumulative input flow (2^-64 wei); the fee is taken on this cumulative figure. */
  sold: bigint;
  /** Earnings per unit of rate (x2^192); only ever grows. */
  ef: bigint;
  /** Proceeds accrued to this side's orders (2^-64 wei). */
  owed: bigint;
  /** Memo of net(sold) for the `sold` value netSoldOf (in memory only, never stored). */
  netSold?: bigint;
  netSoldOf?: bigint;
}

/** What the engine moves: the curve, the two order pools and the time executed up to. */
export interface TwammPool {
  /** Constant-product curve (2^-64 wei). */
  reserve0: bigint;
  reserve1: bigint;
  /** Virtual orders have been executed up to this time. */
  lastT: bigint;
  sides: [OrderPoolSide, OrderPoolSide];
  /** false: no fee on the flows (the fee-free continuous solution; estimates only). Default true. */
  feeFree?: boolean;
}

/** A change of one direction's aggregate sale rate at time t (orders starting, stepping or ending there). */
export interface ScheduleRow {
  t: bigint;
  dir: 0 | 1;
  delta: bigint;
  /** How many orders end there (bookkeeping of the caller; the engine ignores it). */
  ends: number;
  /** Input the ending orders' rates could not sell (2^-64 wei; bookkeeping of the caller; the engine ignores it). */
  dust?: bigint;
}

export interface ScheduleSource {
  /** The schedule rows with after < t <= upTo, earliest first, by (t, dir) (a batch; may be a prefix that never cuts an instant in two). */
  next(after: bigint, upTo: bigint): readonly ScheduleRow[];
}

export interface AdvanceHooks<S extends TwammPool = TwammPool> {
  /**
   * A schedule point was reached (state.lastT): its rows are rows[from] .. rows[to - 1]; state.sides[d].ef are the
   * accumulators at that instant, before its rate changes apply. (A range of the batch, not a new array per point.)
   */
  onPoint?(state: S, rows: readonly ScheduleRow[], from: number, to: number): void;
  /** Called at every execution point (schedule points and the final time); returns true if it changed the schedule. */
  onCheck?(state: S, at: bigint): boolean;
}

/** sold * 997 / 1000 (or sold when fee-free): the input that reaches the curve, memoised on the side. */
export function netSoldOf(side: OrderPoolSide, feeFree = false): bigint {
  if (side.netSold === undefined || side.netSoldOf !== side.sold) {
    side.netSold = feeFree ? side.sold : (side.sold * FEE_NUMERATOR) / FEE_DENOMINATOR;
    side.netSoldOf = side.sold;
  }
  return side.netSold;
}

/**
 * Moves one side's cumulative flow forward by rate * dt; returns the flow net of fee (2^-64 wei). The fee is
 * taken on the cumulative flow, so the total fee does not depend on how execution was split.
 */
function sell(side: OrderPoolSide, dt: bigint, feeFree: boolean): bigint {
  if (side.rate === 0n) return 0n;
  const netBefore = netSoldOf(side, feeFree);
  const after = side.sold + side.rate * dt;
  const netAfter = feeFree ? after : (after * FEE_NUMERATOR) / FEE_DENOMINATOR;
  side.sold = after;
  side.netSold = netAfter;
  side.netSoldOf = after;
  return netAfter - netBefore;
}

/**
 * Trades both directions' flow over dt seconds at the current rates against the curve (the closed form of
 * twammSegment); pays sellers through `owed` and EF, rounded down (dust stays owed).
 */
export function tradeSegment(s: TwammPool, dt: bigint): void {
  if (dt <= 0n) return;
  const [a, b] = s.sides;
  if (a.rate === 0n && b.rate === 0n) return;
  const feeFree = s.feeFree === true;
  const seg = twammSegment(s.reserve0, s.reserve1, sell(a, dt, feeFree), sell(b, dt, feeFree), POOL_UNIT_BITS_NUMBER);
  s.reserve0 = seg.x;
  s.reserve1 = seg.y;
  // side 0 sold token0 and earns token1 (outY); side 1 earns token0 (outX)
  if (seg.outY > 0n) {
    a.owed += seg.outY;
    a.ef += (seg.outY << EF_GAIN_BITS) / a.rate;
  }
  if (seg.outX > 0n) {
    b.owed += seg.outX;
    b.ef += (seg.outX << EF_GAIN_BITS) / b.rate;
  }
}

/**
 * Executes the virtual orders of one pool from s.lastT up to t (no-op if t <= s.lastT): one closed-form
 * segment up to each schedule point, then its rate changes; never loops over empty intervals. Hooks may
 * change the rates (closing orders) and the schedule (onCheck returns true: the source is asked again).
 */
export function advance<S extends TwammPool>(s: S, t: bigint, src: ScheduleSource, hooks: AdvanceHooks<S> = {}): void {
  if (t <= s.lastT) return;
  const { onPoint, onCheck } = hooks;
  const sides = s.sides;
  for (;;) {
    const batch = src.next(s.lastT, t);
    const n = batch.length;
    if (n === 0) break;
    let i = 0;
    let changed = false;
    while (i < n && !changed) {
      const at = (batch[i] as ScheduleRow).t;
      let j = i + 1;
      while (j < n && (batch[j] as ScheduleRow).t === at) j++;
      tradeSegment(s, at - s.lastT);
      s.lastT = at;
      onPoint?.(s, batch, i, j);
      for (; i < j; i++) {
        const row = batch[i] as ScheduleRow;
        sides[row.dir].rate += row.delta;
      }
      if (onCheck?.(s, at)) changed = true;
    }
  }
  tradeSegment(s, t - s.lastT);
  s.lastT = t;
  onCheck?.(s, t);
}

/** A schedule held in memory (sorted by t, then dir), served in one batch. */
export function arraySchedule(rows: readonly ScheduleRow[]): ScheduleSource {
  return {
    next(after: bigint, upTo: bigint): readonly ScheduleRow[] {
      let lo = 0;
      let hi = rows.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((rows[mid] as ScheduleRow).t <= after) lo = mid + 1;
        else hi = mid;
      }
      let end = lo;
      while (end < rows.length && (rows[end] as ScheduleRow).t <= upTo) end++;
      return rows.slice(lo, end);
    },
  };
}

/**
 * Proceeds of an order in whole wei, rounded down, from the EF accumulator of its direction: it sold at `rate`
 * (x2^64) from its start to `te`, so its proceeds are rate * (EF(te) - EF(start)) / 2^192.
 */
export function proceedsFromEf(rate: bigint, efStart: bigint, efEnd: bigint): bigint {
  return efToWei(rate * (efEnd - efStart));
}
