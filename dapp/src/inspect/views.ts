import type {
  BalanceView,
  HistoryView,
  OrderView,
  PoolView,
  QuoteView,
  StreamView,
} from '@streamswap/protocol';
import type { Address } from 'viem';
import { X64 } from '@streamswap/protocol';
import type { Amm } from '../amm/Amm.js';
import type { BalanceSnapshot, StreamRecord } from '../ledger/Ledger.js';

/*
 * Domain records (bigint) to wire views (decimal strings, unix-second numbers). Times are below
 * MAX_TIME = 2^40, so Number() is exact.
 */

const dec = (v: bigint) => v.toString();
const time = (v: bigint) => Number(v);

type PoolSnapshot = NonNullable<ReturnType<Amm['pool']>>;
type OrderRecord = NonNullable<ReturnType<Amm['order']>>;
type HistoryPoint = ReturnType<Amm['history']>[number];
type Quote = ReturnType<Amm['quote']>;

/** Display rate: wei per second rounded toward zero (bigint division truncates). */
const perSecond = (rateX64: bigint) => rateX64 / X64;

export function balanceView(token: Address, account: Address, at: bigint, b: BalanceSnapshot): BalanceView {
  return {
    token,
    account,
    at: time(at),
    balance: dec(b.balance),
    available: dec(b.available),
    locked: dec(b.locked),
    rate: dec(perSecond(b.rateX64)),
    rateX64: dec(b.rateX64),
    availableRateX64: dec(b.availableRateX64),
    validUntil: b.validUntil === null ? null : time(b.validUntil),
  };
}

export function streamView(r: StreamRecord): StreamView {
  return {
    id: dec(r.id),
    token: r.token,
    sender: r.sender,
    receiver: r.receiver,
    amount: dec(r.amount),
    start: time(r.start),
    duration: time(r.duration),
    end: time(r.end),
    status: r.status,
    streamed: dec(r.streamed),
    remaining: dec(r.remaining),
    canceledAt: r.canceledAt === null ? null : time(r.canceledAt),
    rateX64: dec(r.rateX64),
  };
}

export function orderView(o: OrderRecord): OrderView {
  return {
    id: dec(o.id),
    owner: o.owner,
    tokenIn: o.tokenIn,
    tokenOut: o.tokenOut,
    amountIn: dec(o.amountIn),
    amountOutMin: dec(o.amountOutMin),
    minAveragePriceX64: o.minAveragePriceX64 === null ? null : dec(o.minAveragePriceX64),
    start: time(o.start),
    duration: time(o.duration),
    end: time(o.end),
    status: o.status,
    sold: dec(o.sold),
    bought: dec(o.bought),
    closedAt: o.closedAt === null ? null : time(o.closedAt),
  };
}

export function poolView(p: PoolSnapshot): PoolView {
  return {
    tokenA: p.tokenA,
    tokenB: p.tokenB,
    lpToken: p.lpToken,
    at: time(p.at),
    reserveA: dec(p.reserveA),
    reserveB: dec(p.reserveB),
    totalSupply: dec(p.totalSupply),
    saleRateAX64: dec(p.saleRateAX64),
    saleRateBX64: dec(p.saleRateBX64),
    openOrdersA: Number(p.openOrdersA),
    openOrdersB: Number(p.openOrdersB),
  };
}

export function historyPoints(points: HistoryPoint[]): HistoryView['points'] {
  return points.map((p) => ({
    t: time(p.t),
    reserveA: dec(p.reserveA),
    reserveB: dec(p.reserveB),
    streamedA: dec(p.streamedA),
    streamedB: dec(p.streamedB),
    swappedA: dec(p.swappedA),
    swappedB: dec(p.swappedB),
  }));
}

export function quoteView(q: Quote): QuoteView {
  return {
    tokenIn: q.tokenIn,
    tokenOut: q.tokenOut,
    amountIn: dec(q.amountIn),
    duration: time(q.duration),
    at: time(q.at),
    amountOut: dec(q.amountOut),
    fee: dec(q.fee),
    priceImpactBps: Number(q.priceImpactBps),
    reserveIn: dec(q.reserveIn),
    reserveOut: dec(q.reserveOut),
  };
}
