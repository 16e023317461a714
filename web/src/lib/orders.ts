import type { OrderStatus, OrderView } from '@streamswap/protocol';

export interface OrderTimes {
  amountIn: bigint;
  start: bigint;
  duration: bigint;
  status: OrderStatus;
  sold: bigint;
  closedAt: bigint | null;
}

/** The bigint times of an order's wire view. */
export function orderTimes(o: OrderView): OrderTimes {
  return { amountIn: BigInt(o.amountIn), start: BigInt(o.start), duration: BigInt(o.duration), status: o.status, sold: BigInt(o.sold), closedAt: o.closedAt === null ? null : BigInt(o.closedAt) };
}

/** Input sold by chain time nowMs: orders sell at a constant rate from start to end. */
export function soldAt(o: OrderTimes, nowMs: bigint): bigint {
  if (o.status === 'canceled' || o.status === 'stopped' || o.status === 'completed') return o.sold;
  if (o.duration === 0n) return o.amountIn;
  const startMs = o.start * 1000n;
  if (nowMs <= startMs) return 0n;
  const durationMs = o.duration * 1000n;
  if (nowMs >= startMs + durationMs) return o.amountIn;
  const linear = (o.amountIn * (nowMs - startMs)) / durationMs;
  return linear > o.sold ? linear : o.sold;
}

export function isOrderOpen(o: OrderTimes, nowMs: bigint): boolean {
  return (o.status === 'pending' || o.status === 'active') && nowMs < (o.start + o.duration) * 1000n;
}

/** Average execution price (tokenOut per whole tokenIn) scaled by 10^18, with decimals applied; null before anything sold. */
export function averagePriceScaled(sold: bigint, bought: bigint, decimalsIn: number, decimalsOut: number): bigint | null {
  if (sold === 0n) return null;
  return (bought * 10n ** BigInt(decimalsIn) * 10n ** 18n) / (sold * 10n ** BigInt(decimalsOut));
}

/** What cancelling at chain time nowMs gives back: the unsold input (about: the app rounds at its own execution time). */
export function cancelRefund(o: OrderTimes, nowMs: bigint): bigint {
  return o.amountIn - soldAt(o, nowMs);
}

export type OrderDisplayStatus = 'pending' | 'active' | 'completed' | 'canceled' | 'stopped';

/** The status to show at chain time nowMs: an order past its end is completed even before the node says so. */
export function orderStatusAt(o: OrderTimes, nowMs: bigint): OrderDisplayStatus {
  if (isOrderOpen(o, nowMs)) return nowMs < o.start * 1000n ? 'pending' : 'active';
  return o.status === 'active' || o.status === 'pending' ? 'completed' : o.status;
}
