import { amountAfterFee, FEE_DENOMINATOR, FEE_NUMERATOR, getAmountOut } from './uniswapV2.js';
import { twammSegment } from './twammSegment.js';

/**
 * Quotes shared by the back-end (amountOutMin checks) and the web app (forms). Pure bigint.
 */

const X64 = 1n << 64n;

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
 * (the existing orders' real starts and expiries, plus the order's own start, remainder step and end), with the
 * same arithmetic as execution: amounts in 2^-64 wei, fee on the cumulative flow, closed form per segment,
 * earnings per unit of rate (x2^192) accumulated per segment, the order selling at rate + 1 for its first
 * `rem` seconds (amountIn * 2^64 = rate * duration + rem). If nothing else happens (no instant swap,
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

const EF_SHIFT = 128n; // earnings per unit of rate: (out in 2^-64 wei) << 128 / (rate x2^64) = x2^192

/** The projection behind estimateStreamedSwap with a schedule (mirrors dapp's virtual-order execution). */
function walkSchedule(input: StreamedEstimateInput, schedule: readonly SaleRateChange[], withFee: boolean): bigint {
  const { amountIn, duration } = input;
  const total = amountIn * X64;
  const rate = total / duration;
  const rem = total - rate * duration;
  const start = input.delay ?? 0n;
  if (start < 0n) throw new RangeError(`An order cannot start ${-start} s in the past.`);
  const split = start + rem;
  const end = start + duration;
  let x = input.reserveIn << 64n;
  let y = input.reserveOut << 64n;
  let rateIn = input.saleRateInX64;
  let rateOut = input.saleRateOutX64;
  let soldIn = 0n;
  let soldOut = 0n;
  let ef = 0n;
  let efStart = 0n;
  let efSplit = 0n;
  let now = 0n;
  const net = (before: bigint, after: bigint) =>
    withFee ? (after * FEE_NUMERATOR) / FEE_DENOMINATOR - (before * FEE_NUMERATOR) / FEE_DENOMINATOR : after - before;
  const runTo = (at: bigint) => {
    const dt = at - now;
    now = at;
    if (dt <= 0n || (rateIn === 0n && rateOut === 0n)) return;
    const inAfter = soldIn + rateIn * dt;
    const outAfter = soldOut + rateOut * dt;
    const seg = twammSegment(x, y, net(soldIn, inAfter), net(soldOut, outAfter), 64);
    [soldIn, soldOut, x, y] = [inAfter, outAfter, seg.x, seg.y];
    if (seg.outY > 0n) ef += (seg.outY << EF_SHIFT) / rateIn;
  };
  let i = 0;
  // own rate changes: start (+rate, +1 while rem lasts), end of the remainder step (-1), end (-rate)
  const own: [bigint, bigint][] = [[start, rate + (rem > 0n ? 1n : 0n)]];
  if (rem > 0n) own.push([split, -1n]);
  own.push([end, -rate]);
  for (const [at, delta] of own) {
    while (i < schedule.length && (schedule[i] as SaleRateChange).after <= at) {
      const c = schedule[i++] as SaleRateChange;
      // a change at the same instant as the order's own one applies first: the segment before is shared
      runTo(c.after);
      rateIn += c.deltaInX64;
      rateOut += c.deltaOutX64;
    }
    runTo(at);
    if (at === start) efStart = ef;
    if (at === split) efSplit = ef;
    rateIn += delta;
  }
  const efEnd = ef;
  let v = rate * (efEnd - efStart);
  if (rem > 0n) v += efSplit - efStart;
  return v >> (EF_SHIFT + 64n);
}
