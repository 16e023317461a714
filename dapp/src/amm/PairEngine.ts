import type { Address } from 'viem';
import { type AdvanceHooks, AppError, type ScheduleRow, POOL_UNIT_BITS, poolUnitsToWei, weiToPoolUnits, X64_BITS } from '@streamswap/protocol';
import type { Ledger } from '../ledger/Ledger.js';
import { InvariantViolation } from '../InvariantViolation.js';
import { rolledBack } from '../storage/rolledBack.js';
import type { SqlDatabase } from '../storage/SqlDatabase.js';
import { pairTokens } from './addresses.js';
import { History } from './History.js';
import { boughtAt, end, type Order, rateAt, soldX64At } from './orderMath.js';
import { OrderStore } from './OrderStore.js';
import { type PairState, PairStore } from './PairStore.js';
import { executeVirtualOrders } from './virtualOrders.js';

/** A pair as asked for: its id, tokens, and which direction sells tokenA. */
export interface PairRef {
  id: bigint;
  token0: Address;
  token1: Address;
  /** Direction selling tokenA (0 when tokenA is token0). */
  dirA: 0 | 1;
}

/** A projected pair (reads): state at t plus the accumulator snapshots of the schedule points crossed. */
export interface Projection {
  state: PairState;
  snaps: Map<string, bigint>;
}

export const ORDER_CANCELED = 1 as const;
export const ORDER_STOPPED = 2 as const;

/**
 * The stores of the AMM and what every operation shares: finding pairs, executing a pair's virtual orders up
 * to t (writes) or projecting them (reads), limit checks at every execution point, closing an order, and the
 * accumulator lookups behind every order's proceeds.
 */
export class PairEngine {
  readonly pairs: PairStore;
  readonly orders: OrderStore;
  readonly hist: History;

  constructor(
    readonly db: SqlDatabase,
    readonly ledger: Ledger,
  ) {
    this.pairs = new PairStore(db);
    this.orders = new OrderStore(db);
    this.hist = new History(db);
  }

  pairRef(tokenA: Address, tokenB: Address): PairRef | undefined {
    if (BigInt(tokenA) === BigInt(tokenB)) throw new AppError('IDENTICAL_TOKENS', `A pair needs two different tokens, got ${tokenA} twice.`);
    const { token0, token1 } = pairTokens(tokenA, tokenB);
    const id = this.pairs.idOf(token0, token1);
    return id === undefined ? undefined : { id, token0, token1, dirA: BigInt(tokenA) === BigInt(token0) ? 0 : 1 };
  }

  requirePair(tokenA: Address, tokenB: Address): PairRef {
    const ref = this.pairRef(tokenA, tokenB);
    if (ref === undefined) throw new AppError('PAIR_NOT_FOUND', `There is no pool for ${tokenA} and ${tokenB}.`);
    return ref;
  }

  /**
   * Executes the pair's virtual orders up to t and saves (limit orders are checked at every point). With
   * `fold`, streamed fees then join the curve (before instant swaps and liquidity changes).
   */
  sync(id: bigint, t: bigint, fold: boolean): PairState {
    const s = this.pairs.load(id);
    // snapshots are written in batches during the walk; limit checks during the walk read them from `snaps`
    const snaps = new Map<string, bigint>();
    const pending = this.orders.snapshots(s.id);
    const hooks: AdvanceHooks<PairState> = {
      onPoint: (st, rows, from, to) => {
        for (let i = from; i < to; i++) {
          const r = rows[i] as ScheduleRow;
          const ef = st.sides[r.dir].ef;
          pending.add(r.t, r.dir, ef);
          if (st.limits > 0) snaps.set(`${r.t}:${r.dir}`, ef);
        }
      },
      onCheck: (st, at) => this.checkLimits(st, at, snaps),
    };
    const moved = s.lastT < t;
    executeVirtualOrders(s, t, this.orders.scheduleOf(s.id), hooks);
    pending.flush();
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
  checkLimits(s: PairState, at: bigint, snaps: Map<string, bigint>): boolean {
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
      // bought (wei) * 2^64 / (sold in 2^-64 wei / 2^64) < minAvg (X64), without dividing
      if ((bought << (X64_BITS + POOL_UNIT_BITS)) < o.minAvg * sold) {
        this.closeOrder(s, o, at, ORDER_STOPPED, snaps);
        o.refundDue = true;
        this.orders.update(o);
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Answers a read as of t. A projection (below) does not predict limit stops, and a stop changes the pool's path
   * for every order of its pair; so the pairs among `ids` that have watched limit orders are executed up to t for
   * real (limit checks included) in a transaction that is then rolled back, and `fn` reads inside it, where
   * projecting those pairs to t is a no-op. Every read of pairs, orders and balances goes through here: what it
   * shows is exactly what an input at t would find.
   */
  readAt<T>(ids: Iterable<bigint>, t: bigint, fn: () => T): T {
    const watched = this.pairs.withWatchedLimits(ids);
    if (watched.length === 0) return fn();
    return rolledBack(this.db, () => {
      for (const id of watched) this.sync(id, t, false);
      return fn();
    });
  }

  /** The pair projected to t in memory (no writes); snapshots of crossed points are kept for order reads. */
  project(id: bigint, t: bigint): Projection {
    const state = this.pairs.load(id);
    const snaps = new Map<string, bigint>();
    executeVirtualOrders(state, t, this.orders.scheduleOf(id), {
      onPoint: (st, rows, from, to) => {
        for (let i = from; i < to; i++) {
          const r = rows[i] as ScheduleRow;
          snaps.set(`${r.t}:${r.dir}`, st.sides[r.dir].ef);
        }
      },
    });
    return { state, snaps };
  }

  efLookup(s: PairState, snaps: Map<string, bigint>) {
    return (o: Order, time: bigint): bigint => {
      if (time === o.start && o.efStart !== null) return o.efStart;
      if (o.closedAt !== null && time === o.closedAt && o.efClose !== null) return o.efClose;
      if (time === s.lastT) return s.sides[o.dir].ef;
      const v = snaps.get(`${time}:${o.dir}`) ?? this.orders.snapshotAt(o.pair, time, o.dir);
      if (v === undefined) throw new InvariantViolation(`No accumulator snapshot for order ${o.id} at ${time}.`);
      return v;
    };
  }

  /**
   * Ends an order at `at` (= s.lastT): removes its rate now and its future schedule entries, fixes its refund
   * (unsold input rounded down to whole wei) and its proceeds. The sub-wei rest of its unsold input goes to the
   * pool's fees (it cannot be paid out), so the order pool's input balance stays exact.
   */
  closeOrder(s: PairState, o: Order, at: bigint, kind: 1 | 2, snaps = new Map<string, bigint>()): { refund: bigint; bought: bigint } {
    const side = s.sides[o.dir];
    side.rate -= rateAt(o, at);
    if (o.start > at) this.orders.unschedule(o.pair, o.start, o.dir, o.rate, 0);
    this.orders.unschedule(o.pair, end(o), o.dir, -o.rate, 1, o.dust);
    side.open -= 1;
    if (o.watch) {
      s.limits -= 1;
      o.watch = false;
    }
    const sold = soldX64At(o, at);
    const unsold = weiToPoolUnits(o.amountIn) - sold;
    const refund = poolUnitsToWei(unsold);
    const rest = unsold - weiToPoolUnits(refund);
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
}
