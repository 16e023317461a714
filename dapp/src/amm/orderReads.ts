import type { Address } from 'viem';
import { checksum as getAddress } from './addresses.js';
import { boughtAt, end, type Order, statusAt, unsoldAt } from './orderMath.js';
import type { PairEngine, Projection } from './PairEngine.js';
import type { OrderRecord } from './types.js';

/** Order reads: they project the orders' pairs to t (PairEngine.readAt) and never write. */

export function readOrder(e: PairEngine, id: bigint, t: bigint): OrderRecord | undefined {
  const stored = e.orders.get(id);
  if (stored === undefined) return undefined;
  // read again inside readAt: executing the pair to t may stop the order
  return e.readAt([stored.pair], t, () => orderRecord(e, e.orders.get(id) as Order, e.project(stored.pair, t)));
}

export function readOrdersOf(e: PairEngine, account: Address, t: bigint, page: { limit: number; offset: number }): { orders: OrderRecord[]; total: number } {
  const owner = getAddress(account);
  const pairs = e.orders.ofOwner(owner, page.limit, page.offset).orders.map((o) => o.pair);
  // read again inside readAt: executing the pairs to t may stop orders
  return e.readAt(pairs, t, () => {
    const { orders, total } = e.orders.ofOwner(owner, page.limit, page.offset);
    const projections = new Map<bigint, Projection>();
    return {
      total,
      orders: orders.map((o) => {
        let p = projections.get(o.pair);
        if (p === undefined) {
          p = e.project(o.pair, t);
          projections.set(o.pair, p);
        }
        return orderRecord(e, o, p);
      }),
    };
  });
}

function orderRecord(e: PairEngine, o: Order, p: Projection): OrderRecord {
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
    bought: boughtAt(o, at, e.efLookup(p.state, p.snaps)),
    closedAt: o.closedAt,
  };
}

/** Tokens the account holds or held through orders (complements ledger.accountTokens), sorted. */
export function orderTokensOf(e: PairEngine, account: Address): Address[] {
  return e.orders.tokensOf(getAddress(account));
}
