import type { Address } from 'viem';
import { checksum as getAddress } from './addresses.js';
import { boughtAt, end, type Order, statusAt, unsoldAt } from './orderMath.js';
import type { PairEngine, Projection } from './PairEngine.js';
import type { OrderRecord } from './types.js';

/** Order reads: they project the orders' pairs to t in memory and never write. */

export function readOrder(e: PairEngine, id: bigint, t: bigint): OrderRecord | undefined {
  const o = e.orders.get(id);
  return o === undefined ? undefined : orderRecord(e, o, e.project(o.pair, t));
}

export function readOrdersOf(e: PairEngine, account: Address, t: bigint, page: { limit: number; offset: number }): { orders: OrderRecord[]; total: number } {
  const { orders, total } = e.orders.ofOwner(getAddress(account), page.limit, page.offset);
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
