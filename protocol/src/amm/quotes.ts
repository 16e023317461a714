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
}

/**
 * Estimated total proceeds of a streamed order at full execution, assuming every current flow stays
 * constant for the order's whole duration: one closed-form segment with the order added to its side's
 * flow, the order receiving its pro-rata share (rate / side rate) of that side's output, rounded down.
 * priceImpactBps is the impact of one second's sale.
 */
export function estimateStreamedSwap(input: StreamedEstimateInput): SwapQuote {
  const { reserveIn, reserveOut, saleRateInX64, saleRateOutX64, amountIn, duration } = input;
  const withFee = input.fee ?? true;
  const net = (v: bigint) => (withFee ? amountAfterFee(v) : v);
  const fee = amountIn - net(amountIn);
  if (amountIn <= 0n || duration <= 0n || reserveIn <= 0n || reserveOut <= 0n) return { amountOut: 0n, fee, priceImpactBps: 0 };
  const rate = orderSaleRateX64(amountIn, duration);
  const sideRate = saleRateInX64 + rate;
  const othersIn = (saleRateInX64 * duration) / X64;
  const oppositeIn = (saleRateOutX64 * duration) / X64;
  const seg = twammSegment(reserveIn, reserveOut, net(othersIn + amountIn), net(oppositeIn));
  const amountOut = (seg.outY * rate) / sideRate;
  return { amountOut, fee, priceImpactBps: impactBps(rate / X64, reserveIn) };
}
