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
  /** The real window: start and duration on the ORDER_INTERVAL grid (protocol orderWindow), not what was asked for. */
  duration: bigint;
  /** Sale rate x2^64: floor(amountIn * 2^64 / duration). */
  rate: bigint;
  /**
   * amountIn * 2^64 - rate * duration (< duration, so below one wei for any duration < 2^64 s): the sub-wei part
   * the rate cannot sell. It stays in the pair's unsold input while the order runs; a cancel or stop refunds it
   * with the unsold rest (rounded down to whole wei, the sub-wei rest to the fees), and when the order ends on its
   * own execution moves it to the fees at the end's schedule row (which carries the dust of the orders ending there).
   */
  dust: bigint;
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

/** The time execution of this order stops: its end, or when it was canceled or stopped. */
export function stopTime(o: Order): bigint {
  return o.closedAt !== null && o.closedAt < end(o) ? o.closedAt : end(o);
}

/** Input sold by time `at` in units of 2^-64 wei (exact). */
export function soldX64At(o: Order, at: bigint): bigint {
  const te = at < stopTime(o) ? at : stopTime(o);
  if (te <= o.start) return 0n;
  return o.rate * (te - o.start);
}

/** Input still unsold at `at`, rounded down (the part a cancel would refund; 0 once the order ended on its own). */
export function unsoldAt(o: Order, at: bigint): bigint {
  return poolUnitsToWei(weiToPoolUnits(o.amountIn) - soldX64At(o, at));
}

/** The order's own sale rate at `at` (x2^64), 0 when not running. */
export function rateAt(o: Order, at: bigint): bigint {
  return at < o.start || at >= stopTime(o) ? 0n : o.rate;
}

/** Earnings-per-unit accumulator of the order's direction at a given time. */
export type EfAt = (o: Order, time: bigint) => bigint;

/** Proceeds accrued by `at`: rate * (EF(te) - EF(start)), rounded down (protocol's proceedsFromEf). */
export function boughtAt(o: Order, at: bigint, efAt: EfAt): bigint {
  const te = at < stopTime(o) ? at : stopTime(o);
  if (te <= o.start) return 0n;
  return proceedsFromEf(o.rate, efAt(o, o.start), efAt(o, te));
}

export function statusAt(o: Order, at: bigint): OrderStatus {
  if (o.closedAt !== null && at >= o.closedAt) return o.closeKind === 2 ? 'stopped' : 'canceled';
  if (at < o.start) return 'pending';
  if (at >= end(o)) return 'completed';
  return 'active';
}

/** The next time after `at` the order's rate changes (start, end), or null. */
export function nextChange(o: Order, at: bigint): bigint | null {
  if (o.closedAt !== null && at >= o.closedAt) return null;
  if (at < o.start) return o.start;
  if (at < end(o)) return end(o);
  return null;
}
