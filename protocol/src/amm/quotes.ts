import { weiToPoolUnits, X64 } from '../fixedPoint/scales.js';
import { amountAfterFee, FEE_DENOMINATOR, FEE_NUMERATOR, getAmountOut } from './uniswapV2.js';
import { twammSegment } from './twammSegment.js';
import { advance, arraySchedule, type OrderPoolSide, proceedsFromEf, type ScheduleRow, type TwammPool } from './virtualOrders.js';

/**
 * Quotes shared by the back-end (amountOutMin checks) and the web app (forms). Pure bigint.
 */

export interface SwapQuote {
  /** Expected output. */
  amountOut: bigint;
  /** The 0.3% fee taken from the input (stays in the pool for LPs). */
  fee: bigint;
  /**
   * Price impact in basis points: how much less than the spot price (after fee) the trade gets, rounded
   * down. For an instant swap of `amountIn` it is amountIn*997 / (reserveIn*1000 + amountIn*997).
   */
  priceImpactBps: number;
}

function impactBps(amountIn: bigint, reserveIn: bigint): number {
  if (amountIn <= 0n || reserveIn <= 0n) return 0;
  const withFee = amountIn * FEE_NUMERATOR;
  return Number((10_000n * withFee) / (reserveIn * FEE_DENOMINATOR + withFee));
}

/** Exact instant swap quote (Uniswap V2 getAmountOut). Throws like getAmountOut for empty input or reserves. */
export function quoteInstantSwap(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): SwapQuote {
  const amountOut = getAmountOut(amountIn, reserveIn, reserveOut);
  return { amountOut, fee: amountIn - amountAfterFee(amountIn), priceImpactBps: impactBps(amountIn, reserveIn) };
}

/** The sale rate (per second, scaled by 2^64) of an order selling amountIn over duration seconds, rounded down. */
export function orderSaleRateX64(amountIn: bigint, duration: bigint): bigint {
  if (duration <= 0n) throw new RangeError(`An order needs a positive duration, got ${duration}.`);
  return (amountIn * X64) / duration;
}

/** A change of the aggregate sale rates `after` seconds from now (an order starting, stepping or ending). */
export interface SaleRateChange {
  /** Seconds from now, > 0. */
  after: bigint;
  /** Change of the rate of the orders selling the same token as the estimated order (x2^64 per second). */
  deltaInX64: bigint;
  /** Change of the rate of the orders selling the opposite token (x2^64 per second). */
  deltaOutX64: bigint;
}

export interface StreamedEstimateInput {
  reserveIn: bigint;
  reserveOut: bigint;
  /** Aggregate sale rate of the other orders selling the same token (x2^64 per second). */
  saleRateInX64: bigint;
  /** Aggregate sale rate of the orders selling the opposite token (x2^64 per second). */
  saleRateOutX64: bigint;
  amountIn: bigint;
  duration: bigint;
  /** Apply the 0.3% fee (default true); false gives the fee-free continuous solution. */
  fee?: boolean;
  /**
   * The pool's known future rate changes (its expiry schedule), earliest first. When given (even empty),
   * the estimate walks them exactly like execution does; after the last one the rates stay as they are.
   * When absent, the current flows are assumed constant for the whole duration (one closed-form segment).
   */
  schedule?: readonly SaleRateChange[];
  /** Seconds from now until the order starts (default 0); only with `schedule`. */
  delay?: bigint;
}

/**
 * Estimated total proceeds of a streamed order at full execution, rounded down.
 *
 * With `schedule`: the pool is projected with the order added, segment by segment between the rate changes
 * (the existing orders' real starts and expiries, plus the order's own start and end), with the same
 * arithmetic as execution: amounts in 2^-64 wei, fee on the cumulative flow, closed form per segment, earnings
 * per unit of rate (x2^192) accumulated per segment, the order selling at rate = floor(amountIn * 2^64 /
 * duration) (its sub-wei remainder is not traded: see orderWindow.ts). `duration` and `delay` are the order's
 * real window (orderWindow: on the ORDER_INTERVAL grid), not what was asked for. If nothing else happens (no instant swap,
 * liquidity change, new order, cancel or limit stop) execution pays this within a few wei.
 *
 * Without `schedule`: every current flow is assumed constant for the order's whole duration: one closed-form
 * segment with the order added to its side's flow, the order receiving its pro-rata share (rate / side rate)
 * of that side's output. Wrong when other orders end earlier; kept for callers without the schedule.
 *
 * priceImpactBps is the impact of one second's sale.
 */
export function estimateStreamedSwap(input: StreamedEstimateInput): SwapQuote {
  const { reserveIn, reserveOut, saleRateInX64, saleRateOutX64, amountIn, duration } = input;
  const withFee = input.fee ?? true;
  const net = (v: bigint) => (withFee ? amountAfterFee(v) : v);
  const fee = amountIn - net(amountIn);
  if (amountIn <= 0n || duration <= 0n || reserveIn <= 0n || reserveOut <= 0n) return { amountOut: 0n, fee, priceImpactBps: 0 };
  const rate = orderSaleRateX64(amountIn, duration);
  const priceImpactBps = impactBps(rate / X64, reserveIn);
  if (input.schedule !== undefined) {
    return { amountOut: walkSchedule(input, input.schedule, withFee), fee, priceImpactBps };
  }
  const sideRate = saleRateInX64 + rate;
  const othersIn = (saleRateInX64 * duration) / X64;
  const oppositeIn = (saleRateOutX64 * duration) / X64;
  const seg = twammSegment(reserveIn, reserveOut, net(othersIn + amountIn), net(oppositeIn));
  const amountOut = (seg.outY * rate) / sideRate;
  return { amountOut, fee, priceImpactBps };
}

/**
 * The projection behind estimateStreamedSwap with a schedule: the pool (in = direction 0, whole-wei reserves
 * scaled to 2^-64 wei, cumulative flows from 0) is walked by the execution engine (virtualOrders.ts) over the
 * schedule merged with the order's own rate changes (start, end), and the order's
 * proceeds are read from the EF accumulator exactly as execution pays them.
 */
function walkSchedule(input: StreamedEstimateInput, schedule: readonly SaleRateChange[], withFee: boolean): bigint {
  const { amountIn, duration } = input;
  const rate = orderSaleRateX64(amountIn, duration);
  const start = input.delay ?? 0n;
  if (start < 0n) throw new RangeError(`An order cannot start ${-start} s in the past.`);
  const end = start + duration;
  const side = (rateX64: bigint): OrderPoolSide => ({ rate: rateX64, sold: 0n, ef: 0n, owed: 0n });
  const pool: TwammPool = {
    reserve0: weiToPoolUnits(input.reserveIn),
    reserve1: weiToPoolUnits(input.reserveOut),
    lastT: 0n,
    sides: [side(input.saleRateInX64), side(input.saleRateOutX64)],
    feeFree: !withFee,
  };
  // own rate changes: start (+rate) and end (-rate); a start now applies at once (as execution does for an order
  // starting at the pool's time)
  const own: ScheduleRow[] = [];
  if (start === 0n) pool.sides[0].rate += rate;
  else own.push({ t: start, dir: 0, delta: rate, ends: 0 });
  own.push({ t: end, dir: 0, delta: -rate, ends: 1 });
  const rows = mergeSchedule(schedule, own);
  let efStart = 0n;
  advance(pool, end, arraySchedule(rows), {
    onPoint: (at) => {
      if (at.lastT === start) efStart = at.sides[0].ef;
    },
  });
  return proceedsFromEf(rate, efStart, pool.sides[0].ef);
}

/** The schedule's changes as rows (in = direction 0, out = direction 1) merged with the order's own rows, by (t, dir). */
function mergeSchedule(schedule: readonly SaleRateChange[], own: readonly ScheduleRow[]): ScheduleRow[] {
  const rows: ScheduleRow[] = [];
  let j = 0;
  for (const c of schedule) {
    while (j < own.length && (own[j] as ScheduleRow).t < c.after) rows.push(own[j++] as ScheduleRow);
    // the own rows of the same instant add to direction 0 of that instant (their order does not matter: rates apply together)
    if (c.deltaInX64 !== 0n || c.deltaOutX64 === 0n) rows.push({ t: c.after, dir: 0, delta: c.deltaInX64, ends: 0 });
    while (j < own.length && (own[j] as ScheduleRow).t === c.after) rows.push(own[j++] as ScheduleRow);
    if (c.deltaOutX64 !== 0n) rows.push({ t: c.after, dir: 1, delta: c.deltaOutX64, ends: 0 });
  }
  while (j < own.length) rows.push(own[j++] as ScheduleRow);
  return rows;
}
