import type { Address } from 'viem';
import { orderWindow, poolUnitsToWei, quoteInstantSwap, X64 } from '@streamswap/protocol';
import { InvariantViolation } from '../InvariantViolation.js';
import { checksum as getAddress, pairTokens } from './addresses.js';
import { ceilWei } from './amounts.js';
import type { PairEngine, PairRef } from './PairEngine.js';
import type { PairState } from './PairStore.js';
import { estimateOrder } from './streamedEstimate.js';
import type { HistoryPoint, PoolSnapshot, Quote } from './types.js';

/** Pool reads: they project virtual orders to t (PairEngine.readAt) and never write. */

export function readPool(e: PairEngine, tokenA: Address, tokenB: Address, t: bigint): PoolSnapshot | undefined {
  const ref = e.pairRef(tokenA, tokenB);
  if (ref === undefined) return undefined;
  return e.readAt([ref.id], t, () => poolSnapshot(e, e.project(ref.id, t).state, ref.dirA));
}

export function readPools(e: PairEngine, t: bigint): PoolSnapshot[] {
  const ids = e.pairs.all().map((s) => s.id);
  return e.readAt(ids, t, () => ids.map((id) => poolSnapshot(e, e.project(id, t).state, 0)));
}

export function readHistory(e: PairEngine, tokenA: Address, tokenB: Address, from: bigint, to: bigint): HistoryPoint[] {
  const ref = e.pairRef(tokenA, tokenB);
  if (ref === undefined) return [];
  return e.hist.read(ref.id, from, to).map((p) =>
    ref.dirA === 0
      ? { t: p.t, reserveA: p.reserve0, reserveB: p.reserve1, streamedA: p.streamed0, streamedB: p.streamed1, swappedA: p.swapped0, swappedB: p.swapped1 }
      : { t: p.t, reserveA: p.reserve1, reserveB: p.reserve0, streamedA: p.streamed1, streamedB: p.streamed0, swappedA: p.swapped1, swappedB: p.swapped0 },
  );
}

/**
 * duration 0: the exact instant swap at t (after executing virtual orders and folding pending fees).
 * duration > 0: the estimate of an order starting now, projected over the pair's real schedule (streamedEstimate.ts).
 */
export function quoteSwap(e: PairEngine, tokenIn: Address, tokenOut: Address, amountIn: bigint, duration: bigint, t: bigint): Quote {
  const ref = e.requirePair(tokenIn, tokenOut);
  return e.readAt([ref.id], t, () => quoteAt(e, ref, tokenIn, tokenOut, amountIn, duration, t));
}

function quoteAt(e: PairEngine, ref: PairRef, tokenIn: Address, tokenOut: Address, amountIn: bigint, duration: bigint, t: bigint): Quote {
  const { state: s } = e.project(ref.id, t);
  const dir = ref.dirA;
  let q: { amountOut: bigint; fee: bigint; priceImpactBps: number };
  let rIn: bigint;
  let rOut: bigint;
  if (duration === 0n) {
    const [inX, outX] = dir === 0 ? [s.reserve0 + s.fee0, s.reserve1 + s.fee1] : [s.reserve1 + s.fee1, s.reserve0 + s.fee0];
    [rIn, rOut] = [ceilWei(inX), poolUnitsToWei(outX)];
    q = quoteInstantSwap(amountIn, rIn, rOut);
  } else {
    [rIn, rOut] = dir === 0 ? [poolUnitsToWei(s.reserve0), poolUnitsToWei(s.reserve1)] : [poolUnitsToWei(s.reserve1), poolUnitsToWei(s.reserve0)];
    // over the order's real window starting now: it ends on the ORDER_INTERVAL grid (protocol orderWindow.ts)
    q = estimateOrder(e.orders, s, dir, amountIn, s.lastT, orderWindow(s.lastT, 0n, duration).end - s.lastT);
  }
  return { tokenIn: getAddress(tokenIn), tokenOut: getAddress(tokenOut), amountIn, duration, at: s.lastT, ...q, reserveIn: rIn, reserveOut: rOut };
}

/**
 * What the AMM holds of `token` over all pairs, in units of 2^-64 wei: curve reserves, fees waiting to join
 * them, order input not yet sold (or refunds not yet paid), proceeds not yet credited. `total` is their sum
 * in wei (always whole): ledger supply = ledger balances + total.
 */
export function readHoldings(e: PairEngine, token: Address, t: bigint): { reservesX64: bigint; feesX64: bigint; unsoldX64: bigint; owedX64: bigint; total: bigint } {
  const tok = getAddress(token);
  const h = { reservesX64: 0n, feesX64: 0n, unsoldX64: 0n, owedX64: 0n, total: 0n };
  const ids = e.pairs.all().map((p) => p.id);
  const states = e.readAt(ids, t, () => ids.map((id) => e.project(id, t).state));
  for (const s of states) {
    const d = s.token0 === tok ? 0 : s.token1 === tok ? 1 : -1;
    if (d < 0) continue;
    h.reservesX64 += d === 0 ? s.reserve0 : s.reserve1;
    h.feesX64 += d === 0 ? s.fee0 : s.fee1;
    h.unsoldX64 += s.sides[d as 0 | 1].unsold;
    h.owedX64 += s.sides[(1 - d) as 0 | 1].owed;
  }
  const sum = h.reservesX64 + h.feesX64 + h.unsoldX64 + h.owedX64;
  if ((sum & (X64 - 1n)) !== 0n) throw new InvariantViolation(`The AMM holds a fractional amount ${sum} / 2^64 of ${tok}.`);
  h.total = poolUnitsToWei(sum);
  return h;
}

/** A pair's exact reserves (curve plus pending fees) in units of 2^-64 wei, A/B in the order asked. */
export function readExactReserves(e: PairEngine, tokenA: Address, tokenB: Address, t: bigint): { reserveAX64: bigint; reserveBX64: bigint } | undefined {
  const ref = e.pairRef(tokenA, tokenB);
  if (ref === undefined) return undefined;
  const s = e.readAt([ref.id], t, () => e.project(ref.id, t).state);
  const r0 = s.reserve0 + s.fee0;
  const r1 = s.reserve1 + s.fee1;
  return ref.dirA === 0 ? { reserveAX64: r0, reserveBX64: r1 } : { reserveAX64: r1, reserveBX64: r0 };
}

function poolSnapshot(e: PairEngine, s: PairState, dirA: 0 | 1): PoolSnapshot {
  const lpToken = pairTokens(s.token0, s.token1).lp;
  const r0 = poolUnitsToWei(s.reserve0 + s.fee0);
  const r1 = poolUnitsToWei(s.reserve1 + s.fee1);
  const [a, b] = dirA === 0 ? [0, 1] as const : [1, 0] as const;
  return {
    tokenA: dirA === 0 ? s.token0 : s.token1,
    tokenB: dirA === 0 ? s.token1 : s.token0,
    lpToken,
    at: s.lastT,
    reserveA: dirA === 0 ? r0 : r1,
    reserveB: dirA === 0 ? r1 : r0,
    totalSupply: e.ledger.totalSupply(lpToken),
    saleRateAX64: s.sides[a].rate,
    saleRateBX64: s.sides[b].rate,
    openOrdersA: s.sides[a].open,
    openOrdersB: s.sides[b].open,
  };
}
