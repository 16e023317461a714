import { z } from 'zod';
import { ERROR_CODES } from './errors.js';
import { X64_BITS } from './fixedPoint/scales.js';
import { addressSchema, amountSchema, signedAmountSchema, timeSchema } from './schemas.js';

/*
 * The inspect read API. The inspect payload is a UTF-8 path such as `balance/<token>/<account>?at=1700000000`;
 * the answer is exactly one report whose payload is the UTF-8 JSON of one of the views below.
 * Amounts are decimal strings, times are unix seconds (JSON numbers), ids are decimal strings.
 * `at` defaults to the timestamp of the last processed input: inspect has no clock.
 *
 * Routes (all GET-like, read-only, never SQL):
 *   status                                        -> StatusView
 *   digest                                        -> DigestView (state digest, for replay and rejection tests)
 *   tokens                                        -> TokensView
 *   balance/<token>/<account>?at=                 -> BalanceView
 *   balances/<account>?at=                        -> BalancesView
 *   streams/<account>?at=&limit=&offset=          -> StreamsView
 *   stream/<id>?at=                               -> StreamView
 *   orders/<account>?at=&limit=&offset=           -> OrdersView
 *   order/<id>?at=                                -> OrderView
 *   pool/<tokenA>/<tokenB>?at=                    -> PoolView (A and B in the order asked)
 *   pools?at=                                     -> PoolsView
 *   history/<tokenA>/<tokenB>?from=&to=           -> HistoryView
 *   quote/<tokenIn>/<tokenOut>/<amountIn>?duration=&at= -> QuoteView
 * Errors: ErrorView with code UNKNOWN_ROUTE or INVALID_PARAMETER (or PAIR_NOT_FOUND ...).
 */

/** Rates are scaled by 2^64 (X64, fixedPoint/scales.ts) so that a client can tick `value + (now - at) * rateX64 >> 64` in bigint. */
export const RATE_SCALE_BITS = X64_BITS;

export const errorViewSchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }),
});
export type ErrorView = z.infer<typeof errorViewSchema>;

export const statusViewSchema = z.object({
  /** Timestamp of the last processed advance input (the default `at`), 0 before the first one. */
  at: timeSchema,
  /** Index of the last processed advance input, null before the first one. */
  lastInputIndex: z.number().int().nullable(),
});
export type StatusView = z.infer<typeof statusViewSchema>;

export const digestViewSchema = z.object({ digest: z.string().regex(/^0x[0-9a-f]{64}$/) });
export type DigestView = z.infer<typeof digestViewSchema>;

export const tokenViewSchema = z.object({
  token: addressSchema,
  totalSupply: amountSchema,
  /** False for LP tokens: they live only inside the app. */
  withdrawable: z.boolean(),
});
export const tokensViewSchema = z.object({ at: timeSchema, tokens: z.array(tokenViewSchema) });
export type TokensView = z.infer<typeof tokensViewSchema>;

export const balanceViewSchema = z.object({
  token: addressSchema,
  account: addressSchema,
  at: timeSchema,
  /** available + what is still locked in the account's own outgoing streams and unsold order input. */
  balance: amountSchema,
  /** Spendable now: transfers, new streams, swaps and withdrawals draw on this. */
  available: amountSchema,
  /** balance - available. */
  locked: amountSchema,
  /** Net change of `balance` per second at `at`, in wei, rounded toward zero (for display). */
  rate: signedAmountSchema,
  /** Net change of `balance` per second, scaled by 2^64. */
  rateX64: signedAmountSchema,
  /** Net change of `available` per second, scaled by 2^64 (incoming streams and order proceeds). */
  availableRateX64: signedAmountSchema,
  /** The next time any of these rates changes (a stream starts or ends, an order expires); null if never. */
  validUntil: timeSchema.nullable(),
});
export type BalanceView = z.infer<typeof balanceViewSchema>;

export const balancesViewSchema = z.object({
  account: addressSchema,
  at: timeSchema,
  balances: z.array(balanceViewSchema),
});
export type BalancesView = z.infer<typeof balancesViewSchema>;

export const STREAM_STATUSES = ['pending', 'streaming', 'settled', 'canceled'] as const;
export type StreamStatus = (typeof STREAM_STATUSES)[number];

export const streamViewSchema = z.object({
  id: amountSchema,
  token: addressSchema,
  sender: addressSchema,
  receiver: addressSchema,
  amount: amountSchema,
  start: timeSchema,
  duration: timeSchema,
  end: timeSchema,
  status: z.enum(STREAM_STATUSES),
  /** Paid to the receiver by `at` (for a canceled stream: what it kept). */
  streamed: amountSchema,
  /** Still to be paid to the receiver after `at` (0 once settled or canceled). */
  remaining: amountSchema,
  canceledAt: timeSchema.nullable(),
  /** amount * 2^64 / duration (0 for instant transfers). */
  rateX64: amountSchema,
});
export type StreamView = z.infer<typeof streamViewSchema>;

export const streamsViewSchema = z.object({
  account: addressSchema,
  at: timeSchema,
  incoming: z.array(streamViewSchema),
  outgoing: z.array(streamViewSchema),
  totalIncoming: z.number().int(),
  totalOutgoing: z.number().int(),
});
export type StreamsView = z.infer<typeof streamsViewSchema>;

export const ORDER_STATUSES = ['pending', 'active', 'completed', 'canceled', 'stopped'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orderViewSchema = z.object({
  id: amountSchema,
  owner: addressSchema,
  tokenIn: addressSchema,
  tokenOut: addressSchema,
  amountIn: amountSchema,
  amountOutMin: amountSchema,
  /** Minimum average price (tokenOut per tokenIn, scaled by 2^64), null when none was set. */
  minAveragePriceX64: amountSchema.nullable(),
  /** The order's real window (amm/orderWindow.ts): `end` = `start` + `duration` is a whole minute, and `duration` is at least what was asked for. */
  start: timeSchema,
  duration: timeSchema,
  end: timeSchema,
  status: z.enum(ORDER_STATUSES),
  /** Input sold into the pool by `at`. */
  sold: amountSchema,
  /** Proceeds received by `at` (already in the owner's balance). */
  bought: amountSchema,
  /** When the order was canceled or stopped, else null. */
  closedAt: timeSchema.nullable(),
});
export type OrderView = z.infer<typeof orderViewSchema>;

export const ordersViewSchema = z.object({
  account: addressSchema,
  at: timeSchema,
  orders: z.array(orderViewSchema),
  total: z.number().int(),
});
export type OrdersView = z.infer<typeof ordersViewSchema>;

export const poolViewSchema = z.object({
  tokenA: addressSchema,
  tokenB: addressSchema,
  lpToken: addressSchema,
  at: timeSchema,
  reserveA: amountSchema,
  reserveB: amountSchema,
  totalSupply: amountSchema,
  /** Aggregate streamed sale rate of tokenA into the pool, per second scaled by 2^64. */
  saleRateAX64: amountSchema,
  saleRateBX64: amountSchema,
  openOrdersA: z.number().int(),
  openOrdersB: z.number().int(),
});
export type PoolView = z.infer<typeof poolViewSchema>;

export const poolsViewSchema = z.object({ at: timeSchema, pools: z.array(poolViewSchema) });
export type PoolsView = z.infer<typeof poolsViewSchema>;

export const historyPointSchema = z.object({
  t: timeSchema,
  reserveA: amountSchema,
  reserveB: amountSchema,
  /** tokenA sold into the pool by streamed orders since the previous point. */
  streamedA: amountSchema,
  streamedB: amountSchema,
  /** tokenA and tokenB traded by instant swaps since the previous point. */
  swappedA: amountSchema,
  swappedB: amountSchema,
});
export const historyViewSchema = z.object({
  tokenA: addressSchema,
  tokenB: addressSchema,
  from: timeSchema,
  to: timeSchema,
  points: z.array(historyPointSchema),
});
export type HistoryView = z.infer<typeof historyViewSchema>;

export const quoteViewSchema = z.object({
  tokenIn: addressSchema,
  tokenOut: addressSchema,
  amountIn: amountSchema,
  /**
   * The duration asked for (0: instant). A streamed order's estimate covers its real window from `at`, which ends
   * on the ORDER_INTERVAL grid: orderWindow(at, 0, duration) (amm/orderWindow.ts).
   */
  duration: timeSchema,
  at: timeSchema,
  /** Expected output: exact for an instant swap, an estimate at current flows for a streamed order. */
  amountOut: amountSchema,
  /** 0.3% of amountIn, kept by the pool for LPs. */
  fee: amountSchema,
  /** Price impact in basis points (of the whole amount for instant, of one second's sale for streamed). */
  priceImpactBps: z.number().int(),
  reserveIn: amountSchema,
  reserveOut: amountSchema,
});
export type QuoteView = z.infer<typeof quoteViewSchema>;
