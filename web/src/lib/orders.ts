import type { OrderStatus } from '@streamswap/protocol';

export interface OrderTimes {
  amountIn: bigint;
  start: bigint;
  duration: bigint;
  status: OrderStatus;
  sold: bigint;
  closedAt: bigint | null;
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

/** Amount sold per interval (e.g. per hour) by a DCA order, for the quote details. */
export function perInterval(amountIn: bigint, duration: bigint, interval: bigint): bigint {
  if (duration === 0n) return amountIn;
  const per = (amountIn * interval) / duration;
  return per > amountIn ? amountIn : per;
}
