import type { Address } from 'viem';
import { AppError } from '@streamswap/protocol';
import type { BalanceExtension } from '../ledger/types.js';
import type { Ledger } from '../ledger/Ledger.js';
import { isRowId } from '../storage/rowId.js';
import type { SqlDatabase } from '../storage/SqlDatabase.js';
import { checkAmounts } from './amounts.js';
import { settleAccount, viewAccount } from './balanceExtension.js';
import { instantSwap } from './instantSwap.js';
import { addLiquidity, removeLiquidity } from './liquidity.js';
import { orderTokensOf, readOrder, readOrdersOf } from './orderReads.js';
import { PairEngine } from './PairEngine.js';
import { quoteSwap, readExactReserves, readHistory, readHoldings, readPool, readPools } from './poolReads.js';
import { AMM_SCHEMA } from './schema.js';
import { cancelSwap, placeOrder } from './streamedOrders.js';
import type { HistoryPoint, OrderRecord, PoolSnapshot, Quote } from './types.js';

/**
 * Uniswap V2 pairs with TWAMM streamed orders on top of the token ledger: a thin facade over one file per
 * concept (liquidity.ts, instantSwap.ts, streamedOrders.ts, balanceExtension.ts, poolReads.ts, orderReads.ts;
 * PairEngine.ts executes and projects pairs; README.md has the rules).
 *
 * - Every write executes the pair's virtual orders up to t first; reads project them in memory.
 * - Instant swaps, liquidity: Uniswap V2 arithmetic (0.3% fee, MINIMUM_LIQUIDITY locked to the zero address).
 * - Streamed orders (swap with duration > 0): see orderMath.ts and virtualOrders.ts; proceeds are part of the
 *   owner's ledger balance at once through the BalanceExtension (paid into the ledger when a debit needs it, or by
 *   `settle`); the seam's contract (the AMM reports what it releases, the ledger books it) is in ledger/types.ts.
 * - Limit (minAveragePriceX64): checked at every execution point of the pair (each schedule point crossed and
 *   the time of every write touching the pair). If the order's average price so far,
 *   bought * 2^64 / sold (tokenOut per tokenIn x2^64, proceeds rounded down), is below the limit, the order is
 *   stopped at that point: status `stopped`, it sells nothing more, proceeds so far stay with the owner and the
 *   unsold input is returned (credited at the owner's next settlement; shown as available at once by reads
 *   after the stop). At submission the estimate must also meet it (else INSUFFICIENT_OUTPUT_AMOUNT).
 *   A projection does not predict stops, so reads of a pair with watched limit orders execute it to t for real
 *   and roll back (PairEngine.readAt): what is shown as available is what an input at t finds.
 */
export class Amm {
  private readonly e: PairEngine;

  constructor(db: SqlDatabase, ledger: Ledger) {
    db.exec(AMM_SCHEMA);
    this.e = new PairEngine(db, ledger);
    // The AMM's part of every balance: it reports what it releases (settle) and owes or locks (view); the ledger books.
    const extension: BalanceExtension = {
      settle: (token, account, t) => settleAccount(this.e, token, account, t),
      view: (token, account, t) => viewAccount(this.e, token, account, t),
    };
    ledger.addExtension(extension);
  }

  // ---------------------------------------------------------------- writes

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
    return addLiquidity(this.e, provider, tokenA, tokenB, amountADesired, amountBDesired, amountAMin, amountBMin, t);
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
    return removeLiquidity(this.e, provider, tokenA, tokenB, liquidity, amountAMin, amountBMin, t);
  }

  /** duration 0: an instant swap now; duration > 0: a streamed order from start (0 = now). */
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
    const ref = this.e.requirePair(tokenIn, tokenOut);
    if (duration === 0n) {
      if (start !== 0n && start !== t) {
        throw new AppError('VALUE_OUT_OF_RANGE', `An instant swap (duration 0) executes now (${t}); it cannot start at ${start}.`);
      }
      return { kind: 'instant', amountOut: instantSwap(this.e, ref, account, tokenIn, tokenOut, amountIn, amountOutMin, t) };
    }
    const orderId = placeOrder(this.e, ref, account, tokenIn, tokenOut, amountIn, amountOutMin, start, duration, t, minAveragePriceX64 ?? null);
    return { kind: 'order', orderId };
  }

  cancelSwap(orderId: bigint, caller: Address, t: bigint): { refunded: bigint; proceeds: bigint } {
    // a uint256 id from an input may exceed what SQLite can bind: no such order
    if (!isRowId(orderId)) throw new AppError('ORDER_NOT_FOUND', `There is no order ${orderId}.`);
    return cancelSwap(this.e, orderId, caller, t);
  }

  // ---------------------------------------------------------------- balance extension

  /**
   * Pays everything owed to `account` in `token` up to t into its ledger balance (executing the pairs involved) and
   * returns it: the AMM settles its own books, then the ledger books what that released. A top-level operation,
   * never called from inside a ledger call (the ledger calls the registered extension instead).
   */
  settle(token: Address, account: Address, t: bigint): bigint {
    return this.e.db.transaction(() => {
      const released = settleAccount(this.e, token, account, t);
      this.e.ledger.credit(token, account, released, t);
      return released;
    });
  }

  /** BalanceExtension.view: what the AMM owes `account` and locks for it in `token` at t (read-only). */
  view(token: Address, account: Address, t: bigint): { owed: bigint; locked: bigint; owedRateX64: bigint; lockedRateX64: bigint; validUntil: bigint | null } {
    return viewAccount(this.e, token, account, t);
  }

  // ---------------------------------------------------------------- reads (never write)

  pool(tokenA: Address, tokenB: Address, t: bigint): PoolSnapshot | undefined {
    return readPool(this.e, tokenA, tokenB, t);
  }

  pools(t: bigint): PoolSnapshot[] {
    return readPools(this.e, t);
  }

  order(id: bigint, t: bigint): OrderRecord | undefined {
    if (!isRowId(id)) return undefined;
    return readOrder(this.e, id, t);
  }

  ordersOf(account: Address, t: bigint, page: { limit: number; offset: number }): { orders: OrderRecord[]; total: number } {
    return readOrdersOf(this.e, account, t, page);
  }

  history(tokenA: Address, tokenB: Address, from: bigint, to: bigint): HistoryPoint[] {
    return readHistory(this.e, tokenA, tokenB, from, to);
  }

  /** duration 0: the exact instant swap at t; duration > 0: the streamed-order estimate over the real schedule. */
  quote(tokenIn: Address, tokenOut: Address, amountIn: bigint, duration: bigint, t: bigint): Quote {
    return quoteSwap(this.e, tokenIn, tokenOut, amountIn, duration, t);
  }

  /** Tokens the account holds or held through orders (complements ledger.accountTokens), sorted. */
  accountTokens(account: Address): Address[] {
    return orderTokensOf(this.e, account);
  }

  /** What the AMM holds of `token` over all pairs (2^-64 wei buckets and their whole-wei total), for invariants. */
  holdings(token: Address, t: bigint): { reservesX64: bigint; feesX64: bigint; unsoldX64: bigint; owedX64: bigint; total: bigint } {
    return readHoldings(this.e, token, t);
  }

  /** A pair's exact reserves (curve plus pending fees) in units of 2^-64 wei, A/B in the order asked. */
  exactReserves(tokenA: Address, tokenB: Address, t: bigint): { reserveAX64: bigint; reserveBX64: bigint } | undefined {
    return readExactReserves(this.e, tokenA, tokenB, t);
  }
}
