import type { Address } from 'viem';
import { FEE_DENOMINATOR, FEE_NUMERATOR } from '@streamswap/protocol';
import { checksum as getAddress } from './addresses.js';
import { boughtAt, end, nextChange, type Order, rateAt, unsoldAt } from './orderMath.js';
import type { PairEngine, Projection } from './PairEngine.js';
import type { PairState } from './PairStore.js';

/**
 * The AMM's part of every account's ledger balance (the ledger's BalanceExtension, contract in ledger/types.ts):
 * proceeds accrue without a claim. `settleAccount` executes the pairs involved, marks what is owed as paid in the
 * AMM's own rows and returns it: the ledger books it, the AMM never credits from inside a ledger call.
 * `viewAccount` projects the same figures read-only. `takeFromOwner` is how the AMM's own writes debit an account.
 */

/**
 * Debits (or burns) `amount` of `token` from `account` for one of the AMM's own writes. If the ledger's own available
 * falls short, the AMM first settles the account in its own books and hands the ledger what that released, which
 * the ledger books in the same pass as the debit. Call it before loading any pair state the write then uses: settling
 * executes and saves pairs.
 */
export function takeFromOwner(e: PairEngine, token: Address, account: Address, amount: bigint, t: bigint, burn = false): void {
  const released = e.ledger.ownAvailable(token, account, t) >= amount ? 0n : settleAccount(e, token, account, t);
  if (burn) e.ledger.burn(token, account, amount, t, released);
  else e.ledger.debit(token, account, amount, t, released);
}

export function settleAccount(e: PairEngine, token: Address, account: Address, t: bigint): bigint {
  const owner = getAddress(account);
  const tok = getAddress(token);
  const owing = e.orders.owing(owner, tok);
  const watched = e.orders.watchedPairs(owner, tok);
  let refunds = e.orders.refundsDue(owner, tok);
  if (owing.length === 0 && watched.length === 0 && refunds.length === 0) return 0n;
  const ids = new Set<bigint>([...owing.map((o) => o.pair), ...watched, ...refunds.map((o) => o.pair)]);
  const states = new Map<bigint, PairState>();
  for (const id of [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) states.set(id, e.sync(id, t, false));
  if (watched.length > 0) refunds = e.orders.refundsDue(owner, tok);
  let total = 0n;
  for (const stale of owing) {
    const o = e.orders.get(stale.id) as Order;
    const s = states.get(o.pair) as PairState;
    const bought = boughtAt(o, s.lastT, e.efLookup(s, new Map()));
    const due = bought - o.paid;
    const final = o.closedAt !== null || s.lastT >= end(o);
    if (due === 0n && !(final && !o.refundDue)) continue;
    s.sides[o.dir].owed -= due << 64n;
    total += due;
    o.paid = bought;
    if (final && !o.refundDue) o.live = false;
    e.orders.update(o);
  }
  for (const stale of refunds) {
    const o = e.orders.get(stale.id) as Order;
    const s = states.get(o.pair) as PairState;
    s.sides[o.dir].unsold -= o.refund << 64n;
    total += o.refund;
    o.refundDue = false;
    e.orders.update(o);
  }
  for (const s of states.values()) e.pairs.save(s);
  return total;
}

export interface AccountView {
  owed: bigint;
  locked: bigint;
  owedRateX64: bigint;
  lockedRateX64: bigint;
  validUntil: bigint | null;
}

/**
 * What the AMM holds for `account` in `token` at t, read-only. Orders are projected to t in memory, except on
 * pairs with watched limit orders, which PairEngine.readAt executes up to t for real and rolls back (a projection
 * does not predict limit stops): exactly what settling the account at t would release.
 */
export function viewAccount(e: PairEngine, token: Address, account: Address, t: bigint): AccountView {
  const owner = getAddress(account);
  const tok = getAddress(token);
  const pairs = [...e.orders.owing(owner, tok), ...e.orders.selling(owner, tok)].map((o) => o.pair);
  return e.readAt(pairs, t, () => projectedView(e, owner, tok, t));
}

/** viewAccount over projections of the pairs from their stored state to t (no limit stops predicted). */
function projectedView(e: PairEngine, owner: Address, tok: Address, t: bigint): AccountView {
  const owing = e.orders.owing(owner, tok);
  const selling = e.orders.selling(owner, tok);
  const refunds = e.orders.refundsDue(owner, tok);
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
      p = e.project(pair, t);
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
    owed += boughtAt(o, at, e.efLookup(p.state, p.snaps)) - o.paid;
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
