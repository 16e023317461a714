import type { Address } from 'viem';
import { type OrderStatus, poolUnitsToWei, proceedsFromEf, weiToPoolUnits } from '@streamswap/protocol';

/** A streamed order as stored (see schema.ts). */
export interface Order {
  id: bigint;
  pair: bigint;
  dir: 0 | 1;
  owner: Address;
  tokenIn: Address;
  tokenOut: Address;
  amountIn: bigint;
  amountOutMin: bigint;
  minAvg: bigint | null;
  start: bigint;
  duration: bigint;
  /** Base sale rate x2^64; the first `rem` seconds sell at rate + 1. */
  rate: bigint;
  rem: bigint;
  efStart: bigint | null;
  closedAt: bigint | null;
  closeKind: 0 | 1 | 2;
  efClose: bigint | null;
  refund: bigint;
  paid: bigint;
  live: boolean;
  refundDue: boolean;
  watch: boolean;
}

export const end = (o: Order): bigint => o.start + o.duration;

/** The rate of the order's first second(s): rate + 1 while the remainder is being sold. */
export const initialRate = (o: Order): bigint => o.rate + (o.rem > 0n ? 1n : 0n);

/** The time execution of this order stops: its end, or when it was canceled or stopped. */
export function stopTime(o: Order): bigint {
  return o.closedAt !== null && o.closedAt < end(o) ? o.closedAt : end(o);
}

/** Input sold by time `at` in units of 2^-64 wei (exact). */
export function soldX64At(o: Order, at: bigint): bigint {
  const te = at < stopTime(o) ? at : stopTime(o);
  if (te <= o.start) return 0n;
  const elapsed = te - o.start;
  return o.rate * elapsed + (elapsed < o.rem ? elapsed : o.rem);
}

/** Input still unsold at `at`, rounded down (the part a cancel would refund). */
export function unsoldAt(o: Order, at: bigint): bigint {
  return poolUnitsToWei(weiToPoolUnits(o.amountIn) - soldX64At(o, at));
}

/** The order's own sale rate at `at` (x2^64), 0 when not running. */
export function rateAt(o: Order, at: bigint): bigint {
  if (at < o.start || at >= stopTime(o)) return 0n;
  return o.rate + (at - o.start < o.rem ? 1n : 0n);
}

/** Earnings-per-unit accumulator of the order's direction at a given time. */
export type EfAt = (o: Order, time: bigint) => bigint;

/** Proceeds accrued by `at`: rate * (EF(te) - EF(start)) + (EF(min(te, split)) - EF(start)), rounded down (protocol's proceedsFromEf). */
export function boughtAt(o: Order, at: bigint, efAt: EfAt): bigint {
  const te = at < stopTime(o) ? at : stopTime(o);
  if (te <= o.start) return 0n;
  const e0 = efAt(o, o.start);
  const e1 = efAt(o, te);
  // the split's snapshot is looked up only when the order has a remainder step and passed it
  const eSplit = o.rem === 0n ? e0 : te <= o.start + o.rem ? e1 : efAt(o, o.start + o.rem);
  return proceedsFromEf(o.rate, o.rem, e0, eSplit, e1);
}

export function statusAt(o: Order, at: bigint): OrderStatus {
  if (o.closedAt !== null && at >= o.closedAt) return o.closeKind === 2 ? 'stopped' : 'canceled';
  if (at < o.start) return 'pending';
  if (at >= end(o)) return 'completed';
  return 'active';
}

/** The next time after `at` the order's rate changes (start, end of the remainder step, end), or null. */
export function nextChange(o: Order, at: bigint): bigint | null {
  if (o.closedAt !== null && at >= o.closedAt) return null;
  if (at < o.start) return o.start;
  if (o.rem > 0n && at < o.start + o.rem) return o.start + o.rem;
  if (at < end(o)) return end(o);
  return null;
}
