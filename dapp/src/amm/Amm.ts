import type { Address } from 'viem';
import { zeroAddress } from 'viem';
import {
  AppError,
  checkedSwap,
  FEE_DENOMINATOR,
  FEE_NUMERATOR,
  getAmountOut,
  isqrt,
  MAX_TIME,
  MAX_UINT256,
  MINIMUM_LIQUIDITY,
  quote as quoteAmount,
  quoteInstantSwap,
} from '@streamswap/protocol';
import type { BalanceExtension } from '../ledger/types.js';
import type { Ledger } from '../ledger/Ledger.js';
import type { SqlDatabase } from '../storage/SqlDatabase.js';
import { checksum as getAddress, pairTokens } from './addresses.js';
import { History } from './History.js';
import {
  boughtAt,
  end,
  initialRate,
  nextChange,
  type Order,
  rateAt,
  soldX64At,
  statusAt,
  unsoldAt,
} from './orderMath.js';
import { OrderStore } from './OrderStore.js';
import { PairStore, type PairState } from './PairStore.js';
import { AMM_SCHEMA } from './schema.js';
import { estimateOrder } from './streamedEstimate.js';
import type { HistoryPoint, OrderRecord, PoolSnapshot, Quote } from './types.js';
import { advance, type AdvanceHooks, X64 } from './virtualOrders.js';

interface PairRef {
  id: bigint;
  token0: Address;
  token1: Address;
  /** Direction selling tokenA (0 when tokenA is token0). */
  dirA: 0 | 1;
}

/** A projected pair (reads): state at t plus the accumulator snapshots of the schedule points crossed. */
interface Projection {
  state: PairState;
  snaps: Map<string, bigint>;
}

const ORDER_CANCELED = 1 as const;
const ORDER_STOPPED = 2 as const;

/**
 * Uniswap V2 pairs with TWAMM streamed orders on top of the token ledger.
 *
 * - Every write executes the pair's virtual orders up to t first; reads project them in memory.
 * - Instant swaps, liquidity: Uniswap V2 arithmetic (0.3% fee, MINIMUM_LIQUIDITY locked to the zero address).
 * - Streamed orders (swap with duration > 0): see orderMath.ts and virtualOrders.ts; proceeds are part of the
 *   owner's ledger balance at once through the BalanceExtension (settled into the ledger before any debit).
 * - Limit (minAveragePriceX64): checked at every execution point of the pair (each schedule point crossed and
 *   the time of every write touching the pair). If the order's average price so far,
 *   bought * 2^64 / sold (tokenOut per tokenIn x2^64, proceeds rounded down), is below the limit, the order is
 *   stopped at that point: status `stopped`, it sells nothing more, proceeds so far stay with the owner and the
 *   unsold input is returned (credited at the owner's next settlement; shown as available at once by reads
 *   after the stop). At submission the estimate must also meet it (else INSUFFICIENT_OUTPUT_AMOUNT).
 *   Read projections into the future do not predict stops.
 */
export class Amm implements BalanceExtension {
  private readonly pairs: PairStore;
  private readonly orders: OrderStore;
  private readonly hist: History;

  constructor(
    private readonly db: SqlDatabase,
    private readonly ledger: Ledger,
  ) {
    db.exec(AMM_SCHEMA);
    this.pairs = new PairStore(db);
    this.orders = new OrderStore(db);
    this.hist = new History(db);
    ledger.addExtension(this);
  }

  // ================================================================ liquidity

  addLiquidity(
    provider: Address,
    tokenA: Address,
    tokenB: Address,
    amountADesired: bigint,
    amountBDesired: bigint,
    amountAMin: bigint,
    amountBMin: bigint,
    t: bigint,
  ): { amountA: bigint; amountB: bigint; liquidity: bigint } {
    checkAmounts({ amountADesired, amountBDesired, amountAMin, amountBMin });
    return this.db.transaction(() => {
      let ref = this.pairRef(tokenA, tokenB);
      const { token0, token1, lp } = pairTokens(tokenA, tokenB);
      if (ref === undefined) {
        this.pairs.create(token0, token1, t);
        this.ledger.markNonWithdrawable(lp);
        ref = this.pairRef(tokenA, tokenB) as PairRef;
      }
      const s = this.sync(ref.id, t, true);
      // reserves are kept in 2^-64 wei: quote on whole wei, mint against reserves rounded up (never over-mint)
      const [rAx, rBx] = ref.dirA === 0 ? [s.reserve0, s.reserve1] : [s.reserve1, s.reserve0];
      const [rA, rB] = [rAx >> 64n, rBx >> 64n];
      let amountA: bigint;
      let amountB: bigint;
      if (rA === 0n && rB === 0n) {
        [amountA, amountB] = [amountADesired, amountBDesired];
      } else {
        const bOptimal = quoteAmount(amountADesired, rA, rB);
        if (bOptimal <= amountBDesired) {
          if (bOptimal < amountBMin) throw new AppError('INSUFFICIENT_B_AMOUNT', `Adding ${amountADesired} of ${tokenA} needs ${bOptimal} of ${tokenB}, below the minimum ${amountBMin}.`);
          [amountA, amountB] = [amountADesired, bOptimal];
        } else {
          const aOptimal = quoteAmount(amountBDesired, rB, rA);
          if (aOptimal < amountAMin) throw new AppError('INSUFFICIENT_A_AMOUNT', `Adding ${amountBDesired} of ${tokenB} needs ${aOptimal} of ${tokenA}, below the minimum ${amountAMin}.`);
          [amountA, amountB] = [aOptimal, amountBDesired];
        }
      }
      const supply = this.ledger.totalSupply(lp);
      let liquidity: bigint;
      if (supply === 0n) {
        liquidity = isqrt(amountA * amountB) - MINIMUM_LIQUIDITY;
      } else {
        const la = (amountA * supply) / ceilWei(rAx);
        const lb = (amountB * supply) / ceilWei(rBx);
        liquidity = la < lb ? la : lb;
      }
      if (liquidity <= 0n) {
        throw new AppError('INSUFFICIENT_LIQUIDITY_MINTED', `Adding ${amountA} of ${tokenA} and ${amountB} of ${tokenB} would mint no liquidity.`);
      }
      this.ledger.debit(tokenA, provider, amountA, t);
      this.ledger.debit(tokenB, provider, amountB, t);
      const after = this.pairs.load(ref.id);
      if (ref.dirA === 0) [after.reserve0, after.reserve1] = [after.reserve0 + (amountA << 64n), after.reserve1 + (amountB << 64n)];
      else [after.reserve0, after.reserve1] = [after.reserve0 + (amountB << 64n), after.reserve1 + (amountA << 64n)];
      this.hist.record(after, t);
      this.pairs.save(after);
      if (supply === 0n) this.ledger.mint(lp, zeroAddress, MINIMUM_LIQUIDITY, t);
      this.ledger.mint(lp, provider, liquidity, t);
      return { amountA, amountB, liquidity };
    });
  }

  removeLiquidity(
    provider: Address,
    tokenA: Address,
    tokenB: Address,
    liquidity: bigint,
    amountAMin: bigint,
    amountBMin: bigint,
    t: bigint,
  ): { amountA: bigint; amountB: bigint } {
    checkAmounts({ liquidity, amountAMin, amountBMin });
    const ref = this.requirePair(tokenA, tokenB);
    return this.db.transaction(() => {
      const s = this.sync(ref.id, t, true);
      const { lp } = pairTokens(tokenA, tokenB);
      const supply = this.ledger.totalSupply(lp);
      const [rA, rB] = ref.dirA === 0 ? [s.reserve0 >> 64n, s.reserve1 >> 64n] : [s.reserve1 >> 64n, s.reserve0 >> 64n];
      const amountA = supply === 0n ? 0n : (liquidity * rA) / supply;
      const amountB = supply === 0n ? 0n : (liquidity * rB) / supply;
      if (amountA <= 0n || amountB <= 0n) {
        throw new AppError('INSUFFICIENT_LIQUIDITY_BURNED', `Burning ${liquidity} of ${supply} liquidity would return ${amountA} of ${tokenA} and ${amountB} of ${tokenB}.`);
      }
      if (amountA < amountAMin) throw new AppError('INSUFFICIENT_A_AMOUNT', `Removing ${liquidity} liquidity returns ${amountA} of ${tokenA}, below the minimum ${amountAMin}.`);
      if (amountB < amountBMin) throw new AppError('INSUFFICIENT_B_AMOUNT', `Removing ${liquidity} liquidity returns ${amountB} of ${tokenB}, below the minimum ${amountBMin}.`);
      this.ledger.burn(lp, provider, liquidity, t);
      const after = this.pairs.load(ref.id);
      if (ref.dirA === 0) [after.reserve0, after.reserve1] = [after.reserve0 - (amountA << 64n), after.reserve1 - (amountB << 64n)];
      else [after.reserve0, after.reserve1] = [after.reserve0 - (amountB << 64n), after.reserve1 - (amountA << 64n)];
      this.hist.record(after, t);
      this.pairs.save(after);
      this.ledger.credit(tokenA, provider, amountA, t);
      this.ledger.credit(tokenB, provider, amountB, t);
      return { amountA, amountB };
    });
  }

  // ================================================================ swaps

  swap(
    account: Address,
    tokenIn: Address,
    tokenOut: Address,
    amountIn: bigint,
    amountOutMin: bigint,
    start: bigint,
    duration: bigint,
    t: bigint,
    minAveragePriceX64?: bigint,
  ): { kind: 'instant'; amountOut: bigint } | { kind: 'order'; orderId: bigint } {
    checkAmounts({ amountIn, amountOutMin, minAveragePriceX64: minAveragePriceX64 ?? 0n });
    if (amountIn === 0n) throw new AppError('INSUFFICIENT_INPUT_AMOUNT', 'The input amount must be positive.');
    const ref = this.requirePair(tokenIn, tokenOut);
    if (duration === 0n) {
      if (start !== 0n && start !== t) {
        throw new AppError('VALUE_OUT_OF_RANGE', `An instant swap (duration 0) executes now (${t}); it cannot start at ${start}.`);
      }
      return { kind: 'instant', amountOut: this.instantSwap(ref, account, tokenIn, tokenOut, amountIn, amountOutMin, t) };
    }
    return { kind: 'order', orderId: this.placeOrder(ref, account, tokenIn, tokenOut, amountIn, amountOutMin, start, duration, t, minAveragePriceX64 ?? null) };
  }

  private instantSwap(ref: PairRef, account: Address, tokenIn: Address, tokenOut: Address, amountIn: bigint, amountOutMin: bigint, t: bigint): bigint {
    return this.db.transaction(() => {
      this.ledger.debit(tokenIn, account, amountIn, t);
      const s = this.sync(ref.id, t, true);
      const dir = ref.dirA;
      // whole-wei V2 arithmetic on the input reserve rounded up and the output reserve rounded down: the
      // pool's sub-wei fractions only ever make the trade worse for the trader, so the exact k never falls
      const [rInX, rOutX] = dir === 0 ? [s.reserve0, s.reserve1] : [s.reserve1, s.reserve0];
      const [rIn, rOut] = [ceilWei(rInX), rOutX >> 64n];
      const amountOut = getAmountOut(amountIn, rIn, rOut);
      if (amountOut === 0n || amountOut < amountOutMin) {
        throw new AppError('INSUFFICIENT_OUTPUT_AMOUNT', `Swapping ${amountIn} of ${tokenIn} pays ${amountOut} of ${tokenOut}, below the minimum ${amountOutMin}.`);
      }
      checkedSwap(amountIn, amountOut, rIn, rOut);
      const [newIn, newOut] = [rInX + (amountIn << 64n), rOutX - (amountOut << 64n)];
      if (dir === 0) [s.reserve0, s.reserve1] = [newIn, newOut];
      else [s.reserve1, s.reserve0] = [newIn, newOut];
      this.hist.record(s, t, dir === 0 ? [amountIn, 0n] : [0n, amountIn]);
      this.pairs.save(s);
      this.ledger.credit(tokenOut, account, amountOut, t);
      return amountOut;
    });
  }

  private placeOrder(
    ref: PairRef,
    owner: Address,
    tokenIn: Address,
    tokenOut: Address,
    amountIn: bigint,
    amountOutMin: bigint,
    start: bigint,
    duration: bigint,
    t: bigint,
    minAvg: bigint | null,
  ): bigint {
    if (start !== 0n && start < t) throw new AppError('START_IN_PAST', `The order starts at ${start}, before the current time ${t}.`);
    const from = start === 0n ? t : start;
    if (duration >= MAX_TIME || from + duration >= MAX_TIME) {
      throw new AppError('VALUE_OUT_OF_RANGE', `An order from ${from} lasting ${duration} s ends beyond the time limit ${MAX_TIME}.`);
    }
    return this.db.transaction(() => {
      this.ledger.debit(tokenIn, owner, amountIn, t);
      const s = this.sync(ref.id, t, false);
      if (from < s.lastT) throw new AppError('START_IN_PAST', `The order starts at ${from}, before the pool's time ${s.lastT}.`);
      const dir = ref.dirA;
      const side = s.sides[dir];
      // the estimate walks the pair's schedule up to the order's end: only computed when there is something to check
      if (amountOutMin > 0n || (minAvg !== null && minAvg > 0n)) {
        const estimate = estimateOrder(this.orders, s, dir, amountIn, from, duration).amountOut;
        if (estimate < amountOutMin) {
          throw new AppError('INSUFFICIENT_OUTPUT_AMOUNT', `Selling ${amountIn} of ${tokenIn} over ${duration} s is estimated to pay ${estimate} of ${tokenOut}, below the minimum ${amountOutMin}.`);
        }
        if (minAvg !== null && estimate * X64 < minAvg * amountIn) {
          throw new AppError('INSUFFICIENT_OUTPUT_AMOUNT', `Selling ${amountIn} of ${tokenIn} over ${duration} s is estimated at an average price below the limit ${minAvg} (x2^64).`);
        }
      }
      const total = amountIn * X64;
      const rate = total / duration;
      const rem = total - rate * duration;
      const order: Omit<Order, 'id'> = {
        pair: ref.id,
        dir,
        owner: getAddress(owner),
        tokenIn: getAddress(tokenIn),
        tokenOut: getAddress(tokenOut),
        amountIn,
        amountOutMin,
        minAvg,
        start: from,
        duration,
        rate,
        rem,
        efStart: from === s.lastT ? side.ef : null,
        closedAt: null,
        closeKind: 0,
        efClose: null,
        refund: 0n,
        paid: 0n,
        live: true,
        refundDue: false,
        watch: minAvg !== null && minAvg > 0n, // a zero limit can never stop the order: not watched
      };
      const id = this.orders.insert(order);
      const first = initialRate({ ...order, id });
      if (from === s.lastT) side.rate += first;
      else this.orders.schedule(ref.id, from, dir, first, 0);
      if (rem > 0n) this.orders.schedule(ref.id, from + rem, dir, -1n, 0);
      this.orders.schedule(ref.id, from + duration, dir, -rate, 1);
      side.open += 1;
      side.unsold += amountIn << 64n;
      if (order.watch) s.limits += 1;
      this.hist.record(s, t);
      this.pairs.save(s);
      return id;
    });
  }

  cancelSwap(orderId: bigint, caller: Address, t: bigint): { refunded: bigint; proceeds: bigint } {
    const found = this.orders.get(orderId);
    if (found === undefined) throw new AppError('ORDER_NOT_FOUND', `There is no order ${orderId}.`);
    if (getAddress(caller) !== found.owner) throw new AppError('NOT_ORDER_OWNER', `Order ${orderId} belongs to ${found.owner}, not ${caller}.`);
    return this.db.transaction(() => {
      const s = this.sync(found.pair, t, false);
      const o = this.orders.get(orderId) as Order;
      if (o.closedAt !== null || t >= end(o)) {
        throw new AppError('ORDER_ALREADY_ENDED', `Order ${orderId} already ended (${statusAt(o, t)}) and cannot be canceled.`);
      }
      const { refund, bought } = this.closeOrder(s, o, s.lastT, ORDER_CANCELED);
      const side = s.sides[o.dir];
      const due = bought - o.paid;
      side.owed -= due << 64n;
      side.unsold -= refund << 64n;
      o.paid = bought;
      o.live = false;
      this.orders.update(o);
      this.hist.record(s, t);
      this.pairs.save(s);
      this.ledger.credit(o.tokenOut, o.owner, due, t);
      this.ledger.credit(o.tokenIn, o.owner, refund, t);
      return { refunded: refund, proceeds: bought };
    });
  }

  /**
   * Ends an order at `at` (= s.lastT): removes its rate now and its future schedule entries, fixes its refund
   * (unsold input rounded down to whole wei) and its proceeds. The sub-wei rest of its unsold input goes to the
   * pool's fees (it cannot be paid out), so the order pool's input balance stays exact.
   */
  private closeOrder(s: PairState, o: Order, at: bigint, kind: 1 | 2, snaps = new Map<string, bigint>()): { refund: bigint; bought: bigint } {
    const side = s.sides[o.dir];
    side.rate -= rateAt(o, at);
    if (o.start > at) this.orders.unschedule(o.pair, o.start, o.dir, initialRate(o), 0);
    if (o.rem > 0n && o.start + o.rem > at) this.orders.unschedule(o.pair, o.start + o.rem, o.dir, -1n, 0);
    this.orders.unschedule(o.pair, end(o), o.dir, -o.rate, 1);
    side.open -= 1;
    if (o.watch) {
      s.limits -= 1;
      o.watch = false;
    }
    const sold = soldX64At(o, at);
    const refund = (o.amountIn * X64 - sold) >> 64n;
    const rest = o.amountIn * X64 - sold - (refund << 64n);
    side.unsold -= rest;
    if (o.dir === 0) s.fee0 += rest;
    else s.fee1 += rest;
    const bought = boughtAt(o, at, this.efLookup(s, snaps));
    o.closedAt = at;
    o.closeKind = kind;
    o.efClose = side.ef;
    o.refund = refund;
    return { refund, bought };
  }

  // ================================================================ balance extension

  settle(token: Address, account: Address, t: bigint): void {
    const owner = getAddress(account);
    const tok = getAddress(token);
    const owing = this.orders.owing(owner, tok);
    const watched = this.orders.watchedPairs(owner, tok);
    let refunds = this.orders.refundsDue(owner, tok);
    if (owing.length === 0 && watched.length === 0 && refunds.length === 0) return;
    const ids = new Set<bigint>([...owing.map((o) => o.pair), ...watched, ...refunds.map((o) => o.pair)]);
    const states = new Map<bigint, PairState>();
    for (const id of [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) states.set(id, this.sync(id, t, false));
    if (watched.length > 0) refunds = this.orders.refundsDue(owner, tok);
    let total = 0n;
    for (const stale of owing) {
      const o = this.orders.get(stale.id) as Order;
      const s = states.get(o.pair) as PairState;
      const bought = boughtAt(o, s.lastT, this.efLookup(s, new Map()));
      const due = bought - o.paid;
      const final = o.closedAt !== null || s.lastT >= end(o);
      if (due === 0n && !(final && !o.refundDue)) continue;
      s.sides[o.dir].owed -= due << 64n;
      total += due;
      o.paid = bought;
      if (final && !o.refundDue) o.live = false;
      this.orders.update(o);
    }
    for (const stale of refunds) {
      const o = this.orders.get(stale.id) as Order;
      const s = states.get(o.pair) as PairState;
      s.sides[o.dir].unsold -= o.refund << 64n;
      total += o.refund;
      o.refundDue = false;
      this.orders.update(o);
    }
    for (const s of states.values()) this.pairs.save(s);
    if (total > 0n) this.ledger.credit(tok, owner, total, t);
  }

  view(token: Address, account: Address, t: bigint): { owed: bigint; locked: bigint; owedRateX64: bigint; lockedRateX64: bigint; validUntil: bigint | null } {
    const owner = getAddress(account);
    const tok = getAddress(token);
    const owing = this.orders.owing(owner, tok);
    const selling = this.orders.selling(owner, tok);
    const refunds = this.orders.refundsDue(owner, tok);
    let owed = 0n;
    let locked = 0n;
    let owedRateX64 = 0n;
    let lockedRateX64 = 0n;
    let validUntil: bigint | null = null;
    if (owing.length === 0 && selling.length === 0 && refunds.length === 0) return { owed, locked, owedRateX64, lockedRateX64, validUntil };
    const projections = new Map<bigint, Projection>();
    const project = (pair: bigint) => {
      let p = projections.get(pair);
      if (p === undefined) {
        p = this.project(pair, t);
        projections.set(pair, p);
      }
      return p;
    };
    const soonest = (v: bigint | null) => {
      if (v !== null && (validUntil === null || v < validUntil)) validUntil = v;
    };
    for (const o of owing) {
      const p = project(o.pair);
      const at = p.state.lastT;
      owed += boughtAt(o, at, this.efLookup(p.state, p.snaps)) - o.paid;
      const r = rateAt(o, at);
      if (r > 0n) {
        const [rIn, rOut] = o.dir === 0 ? [p.state.reserve0, p.state.reserve1] : [p.state.reserve1, p.state.reserve0];
        owedRateX64 += (((r * FEE_NUMERATOR) / FEE_DENOMINATOR) * rOut) / rIn;
      }
      soonest(nextChange(o, at));
    }
    for (const o of selling) {
      const p = project(o.pair);
      const at = p.state.lastT;
      if (o.closedAt === null && at < end(o)) {
        locked += unsoldAt(o, at);
        lockedRateX64 -= rateAt(o, at);
        soonest(nextChange(o, at));
      }
    }
    for (const o of refunds) owed += o.refund;
    return { owed, locked, owedRateX64, lockedRateX64, validUntil };
  }

  // ================================================================ reads

  pool(tokenA: Address, tokenB: Address, t: bigint): PoolSnapshot | undefined {
    const ref = this.pairRef(tokenA, tokenB);
    if (ref === undefined) return undefined;
    return this.snapshot(this.project(ref.id, t).state, ref.dirA);
  }

  pools(t: bigint): PoolSnapshot[] {
    return this.pairs.all().map((s) => this.snapshot(this.project(s.id, t).state, 0));
  }

  order(id: bigint, t: bigint): OrderRecord | undefined {
    const o = this.orders.get(id);
    return o === undefined ? undefined : this.orderRecord(o, this.project(o.pair, t));
  }

  ordersOf(account: Address, t: bigint, page: { limit: number; offset: number }): { orders: OrderRecord[]; total: number } {
    const { orders, total } = this.orders.ofOwner(getAddress(account), page.limit, page.offset);
    const projections = new Map<bigint, Projection>();
    return {
      total,
      orders: orders.map((o) => {
        let p = projections.get(o.pair);
        if (p === undefined) {
          p = this.project(o.pair, t);
          projections.set(o.pair, p);
        }
        return this.orderRecord(o, p);
      }),
    };
  }

  history(tokenA: Address, tokenB: Address, from: bigint, to: bigint): HistoryPoint[] {
    const ref = this.pairRef(tokenA, tokenB);
    if (ref === undefined) return [];
    return this.hist.read(ref.id, from, to).map((p) =>
      ref.dirA === 0
        ? { t: p.t, reserveA: p.reserve0, reserveB: p.reserve1, streamedA: p.streamed0, streamedB: p.streamed1, swappedA: p.swapped0, swappedB: p.swapped1 }
        : { t: p.t, reserveA: p.reserve1, reserveB: p.reserve0, streamedA: p.streamed1, streamedB: p.streamed0, swappedA: p.swapped1, swappedB: p.swapped0 },
    );
  }

  /**
   * duration 0: the exact instant swap at t (after executing virtual orders and folding pending fees).
   * duration > 0: the estimate of an order starting now, projected over the pair's real schedule (streamedEstimate.ts).
   */
  quote(tokenIn: Address, tokenOut: Address, amountIn: bigint, duration: bigint, t: bigint): Quote {
    const ref = this.requirePair(tokenIn, tokenOut);
    const { state: s } = this.project(ref.id, t);
    const dir = ref.dirA;
    let q: { amountOut: bigint; fee: bigint; priceImpactBps: number };
    let rIn: bigint;
    let rOut: bigint;
    if (duration === 0n) {
      const [inX, outX] = dir === 0 ? [s.reserve0 + s.fee0, s.reserve1 + s.fee1] : [s.reserve1 + s.fee1, s.reserve0 + s.fee0];
      [rIn, rOut] = [ceilWei(inX), outX >> 64n];
      q = quoteInstantSwap(amountIn, rIn, rOut);
    } else {
      [rIn, rOut] = dir === 0 ? [s.reserve0 >> 64n, s.reserve1 >> 64n] : [s.reserve1 >> 64n, s.reserve0 >> 64n];
      q = estimateOrder(this.orders, s, dir, amountIn, s.lastT, duration);
    }
    return { tokenIn: getAddress(tokenIn), tokenOut: getAddress(tokenOut), amountIn, duration, at: s.lastT, ...q, reserveIn: rIn, reserveOut: rOut };
  }

  /** Tokens the account holds or held through orders (complements ledger.accountTokens), sorted. */
  accountTokens(account: Address): Address[] {
    return this.orders.tokensOf(getAddress(account));
  }

  /**
   * What the AMM holds of `token` over all pairs, in units of 2^-64 wei: curve reserves, fees waiting to join
   * them, order input not yet sold (or refunds not yet paid), proceeds not yet credited. `total` is their sum
   * in wei (always whole): ledger supply = ledger balances + total.
   */
  holdings(token: Address, t: bigint): { reservesX64: bigint; feesX64: bigint; unsoldX64: bigint; owedX64: bigint; total: bigint } {
    const tok = getAddress(token);
    const h = { reservesX64: 0n, feesX64: 0n, unsoldX64: 0n, owedX64: 0n, total: 0n };
    for (const p of this.pairs.all()) {
      const s = this.project(p.id, t).state;
      const d = s.token0 === tok ? 0 : s.token1 === tok ? 1 : -1;
      if (d < 0) continue;
      h.reservesX64 += d === 0 ? s.reserve0 : s.reserve1;
      h.feesX64 += d === 0 ? s.fee0 : s.fee1;
      h.unsoldX64 += s.sides[d as 0 | 1].unsold;
      h.owedX64 += s.sides[(1 - d) as 0 | 1].owed;
    }
    const sum = h.reservesX64 + h.feesX64 + h.unsoldX64 + h.owedX64;
    if ((sum & (X64 - 1n)) !== 0n) throw new AppError('INTERNAL_ERROR', `The AMM holds a fractional amount ${sum} / 2^64 of ${tok}.`);
    h.total = sum >> 64n;
    return h;
  }

  /** A pair's exact reserves (curve plus pending fees) in units of 2^-64 wei, A/B in the order asked. */
  exactReserves(tokenA: Address, tokenB: Address, t: bigint): { reserveAX64: bigint; reserveBX64: bigint } | undefined {
    const ref = this.pairRef(tokenA, tokenB);
    if (ref === undefined) return undefined;
    const s = this.project(ref.id, t).state;
    const r0 = s.reserve0 + s.fee0;
    const r1 = s.reserve1 + s.fee1;
    return ref.dirA === 0 ? { reserveAX64: r0, reserveBX64: r1 } : { reserveAX64: r1, reserveBX64: r0 };
  }

  // ================================================================ internals

  private pairRef(tokenA: Address, tokenB: Address): PairRef | undefined {
    if (BigInt(tokenA) === BigInt(tokenB)) throw new AppError('IDENTICAL_TOKENS', `A pair needs two different tokens, got ${tokenA} twice.`);
    const { token0, token1 } = pairTokens(tokenA, tokenB);
    const id = this.pairs.idOf(token0, token1);
    return id === undefined ? undefined : { id, token0, token1, dirA: BigInt(tokenA) === BigInt(token0) ? 0 : 1 };
  }

  private requirePair(tokenA: Address, tokenB: Address): PairRef {
    const ref = this.pairRef(tokenA, tokenB);
    if (ref === undefined) throw new AppError('PAIR_NOT_FOUND', `There is no pool for ${tokenA} and ${tokenB}.`);
    return ref;
  }

  /**
   * Executes the pair's virtual orders up to t and saves (limit orders are checked at every point). With
   * `fold`, streamed fees then join the curve (before instant swaps and liquidity changes).
   */
  private sync(id: bigint, t: bigint, fold: boolean): PairState {
    const s = this.pairs.load(id);
    // snapshots are written in one batch after the walk; limit checks during the walk read them from `snaps`
    const snaps = new Map<string, bigint>();
    const pending: { t: bigint; dir: 0 | 1; ef: bigint }[] = [];
    const hooks: AdvanceHooks = {
      onPoint: (_st, rows, efs) => {
        for (const r of rows) {
          pending.push({ t: r.t, dir: r.dir, ef: efs[r.dir] });
          if (s.limits > 0) snaps.set(`${r.t}:${r.dir}`, efs[r.dir]);
        }
      },
      onCheck: (st, at) => this.checkLimits(st, at, snaps),
    };
    const moved = s.lastT < t;
    advance(s, t, this.orders, hooks);
    this.orders.snapshotMany(s.id, pending);
    if (fold) {
      s.reserve0 += s.fee0;
      s.reserve1 += s.fee1;
      s.fee0 = 0n;
      s.fee1 = 0n;
    }
    if (moved && (s.streamed[0] > 0n || s.streamed[1] > 0n)) this.hist.record(s, s.lastT);
    this.pairs.save(s);
    return s;
  }

  /** Stops every watched order of the pair whose average price so far is below its limit. */
  private checkLimits(s: PairState, at: bigint, snaps: Map<string, bigint>): boolean {
    if (s.limits === 0) return false;
    let changed = false;
    for (const o of this.orders.watched(s.id)) {
      if (at >= end(o)) {
        o.watch = false;
        s.limits -= 1;
        this.orders.update(o);
        continue;
      }
      if (at <= o.start || o.minAvg === null) continue;
      const sold = soldX64At(o, at);
      const bought = boughtAt(o, at, this.efLookup(s, snaps));
      if ((bought << 128n) < o.minAvg * sold) {
        this.closeOrder(s, o, at, ORDER_STOPPED, snaps);
        o.refundDue = true;
        this.orders.update(o);
        changed = true;
      }
    }
    return changed;
  }

  /** The pair projected to t in memory (no writes); snapshots of crossed points are kept for order reads. */
  private project(id: bigint, t: bigint): Projection {
    const state = this.pairs.load(id);
    const snaps = new Map<string, bigint>();
    advance(state, t, this.orders, {
      onPoint: (_s, rows, efs) => {
        for (const r of rows) snaps.set(`${r.t}:${r.dir}`, efs[r.dir]);
      },
    });
    return { state, snaps };
  }

  private efLookup(s: PairState, snaps: Map<string, bigint>) {
    return (o: Order, time: bigint): bigint => {
      if (time === o.start && o.efStart !== null) return o.efStart;
      if (o.closedAt !== null && time === o.closedAt && o.efClose !== null) return o.efClose;
      if (time === s.lastT) return s.sides[o.dir].ef;
      const v = snaps.get(`${time}:${o.dir}`) ?? this.orders.snapshotAt(o.pair, time, o.dir);
      if (v === undefined) throw new AppError('INTERNAL_ERROR', `No accumulator snapshot for order ${o.id} at ${time}.`);
      return v;
    };
  }

  private snapshot(s: PairState, dirA: 0 | 1): PoolSnapshot {
    const lpToken = pairTokens(s.token0, s.token1).lp;
    const r0 = (s.reserve0 + s.fee0) >> 64n;
    const r1 = (s.reserve1 + s.fee1) >> 64n;
    const [a, b] = dirA === 0 ? [0, 1] as const : [1, 0] as const;
    return {
      tokenA: dirA === 0 ? s.token0 : s.token1,
      tokenB: dirA === 0 ? s.token1 : s.token0,
      lpToken,
      at: s.lastT,
      reserveA: dirA === 0 ? r0 : r1,
      reserveB: dirA === 0 ? r1 : r0,
      totalSupply: this.ledger.totalSupply(lpToken),
      saleRateAX64: s.sides[a].rate,
      saleRateBX64: s.sides[b].rate,
      openOrdersA: s.sides[a].open,
      openOrdersB: s.sides[b].open,
    };
  }

  private orderRecord(o: Order, p: Projection): OrderRecord {
    const at = p.state.lastT;
    return {
      id: o.id,
      owner: o.owner,
      tokenIn: o.tokenIn,
      tokenOut: o.tokenOut,
      amountIn: o.amountIn,
      amountOutMin: o.amountOutMin,
      minAveragePriceX64: o.minAvg,
      start: o.start,
      duration: o.duration,
      end: end(o),
      status: statusAt(o, at),
      sold: o.amountIn - unsoldAt(o, at),
      bought: boughtAt(o, at, this.efLookup(p.state, p.snaps)),
      closedAt: o.closedAt,
    };
  }
}

/** Whole wei, rounded up, of an amount in 2^-64 wei. */
function ceilWei(x64: bigint): bigint {
  return (x64 + X64 - 1n) >> 64n;
}

function checkAmounts(values: Record<string, bigint>): void {
  for (const [name, v] of Object.entries(values)) {
    if (v < 0n || v > MAX_UINT256) throw new AppError('VALUE_OUT_OF_RANGE', `${name} = ${v} is not a uint256.`);
  }
}
