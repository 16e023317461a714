import type { Address } from 'viem';
import type { OrderStatus } from '@streamswap/protocol';

/** Mirrors protocol PoolView with bigints. Reserves include streamed fees not yet folded into the curve. */
export interface PoolSnapshot {
  tokenA: Address;
  tokenB: Address;
  lpToken: Address;
  at: bigint;
  reserveA: bigint;
  reserveB: bigint;
  totalSupply: bigint;
  saleRateAX64: bigint;
  saleRateBX64: bigint;
  openOrdersA: number;
  openOrdersB: number;
}

/** Mirrors protocol OrderView with bigints. */
export interface OrderRecord {
  id: bigint;
  owner: Address;
  tokenIn: Address;
  tokenOut: Address;
  amountIn: bigint;
  amountOutMin: bigint;
  minAveragePriceX64: bigint | null;
  start: bigint;
  duration: bigint;
  end: bigint;
  status: OrderStatus;
  sold: bigint;
  bought: bigint;
  closedAt: bigint | null;
}

/** Mirrors protocol HistoryView.points[] with bigints. */
export interface HistoryPoint {
  t: bigint;
  reserveA: bigint;
  reserveB: bigint;
  streamedA: bigint;
  streamedB: bigint;
  swappedA: bigint;
  swappedB: bigint;
}

/** Mirrors protocol QuoteView with bigints. */
export interface Quote {
  tokenIn: Address;
  tokenOut: Address;
  amountIn: bigint;
  duration: bigint;
  at: bigint;
  amountOut: bigint;
  fee: bigint;
  priceImpactBps: number;
  reserveIn: bigint;
  reserveOut: bigint;
}
