import type { Address } from 'viem';
import { AppError, MAX_TIME, orderWindow, weiToPoolUnits, X64 } from '@streamswap/protocol';
import { checksum as getAddress } from './addresses.js';
import { takeFromOwner } from './balanceExtension.js';
import { end, type Order, statusAt } from './orderMath.js';
import { ORDER_CANCELED, type PairEngine, type PairRef } from './PairEngine.js';
import { estimateOrder } from './streamedEstimate.js';

/** Streamed orders (swap with duration > 0): submission with its estimate checks, and cancel by the owner. */

export function placeOrder(
  e: PairEngine,
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
  // the real window: a later start and every end on the ORDER_INTERVAL grid (protocol orderWindow.ts); it ends no
  // earlier than start + duration, so one bound check covers both
  const window = orderWindow(t, start, duration);
  const from = window.start;
  const length = window.end - window.start;
  if (window.end >= MAX_TIME) {
    throw new AppError('VALUE_OUT_OF_RANGE', `An order from ${from} lasting ${duration} s ends at ${window.end}, beyond the time limit ${MAX_TIME}.`);
  }
  return e.db.transaction(() => {
    takeFromOwner(e, tokenIn, owner, amountIn, t); // before the pair is loaded: it may settle the owner's orders
    const s = e.sync(ref.id, t, false);
    if (from < s.lastT) throw new AppError('START_IN_PAST', `The order starts at ${from}, before the pool's time ${s.lastT}.`);
    const dir = ref.dirA;
    const side = s.sides[dir];
    // the estimate walks the pair's schedule up to the order's end: only computed when there is something to check
    if (amountOutMin > 0n || (minAvg !== null && minAvg > 0n)) {
      const estimate = estimateOrder(e.orders, s, dir, amountIn, from, length).amountOut;
      if (estimate < amountOutMin) {
        throw new AppError('INSUFFICIENT_OUTPUT_AMOUNT', `Selling ${amountIn} of ${tokenIn} over ${duration} s is estimated to pay ${estimate} of ${tokenOut}, below the minimum ${amountOutMin}.`);
      }
      if (minAvg !== null && estimate * X64 < minAvg * amountIn) {
        throw new AppError('INSUFFICIENT_OUTPUT_AMOUNT', `Selling ${amountIn} of ${tokenIn} over ${duration} s is estimated at an average price below the limit ${minAvg} (x2^64).`);
      }
    }
    const total = amountIn * X64;
    const rate = total / length;
    const dust = total - rate * length;
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
      duration: length,
      rate,
      dust,
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
    const id = e.orders.insert(order);
    if (from === s.lastT) side.rate += rate;
    else e.orders.schedule(ref.id, from, dir, rate, 0);
    e.orders.schedule(ref.id, window.end, dir, -rate, 1, dust);
    side.open += 1;
    side.unsold += weiToPoolUnits(amountIn);
    if (order.watch) s.limits += 1;
    e.hist.record(s, t);
    e.pairs.save(s);
    return id;
  });
}

export function cancelSwap(e: PairEngine, orderId: bigint, caller: Address, t: bigint): { refunded: bigint; proceeds: bigint } {
  const found = e.orders.get(orderId);
  if (found === undefined) throw new AppError('ORDER_NOT_FOUND', `There is no order ${orderId}.`);
  if (getAddress(caller) !== found.owner) throw new AppError('NOT_ORDER_OWNER', `Order ${orderId} belongs to ${found.owner}, not ${caller}.`);
  return e.db.transaction(() => {
    const s = e.sync(found.pair, t, false);
    const o = e.orders.get(orderId) as Order;
    if (o.closedAt !== null || t >= end(o)) {
      throw new AppError('ORDER_ALREADY_ENDED', `Order ${orderId} already ended (${statusAt(o, t)}) and cannot be canceled.`);
    }
    const { refund, bought } = e.closeOrder(s, o, s.lastT, ORDER_CANCELED);
    const side = s.sides[o.dir];
    const due = bought - o.paid;
    side.owed -= weiToPoolUnits(due);
    side.unsold -= weiToPoolUnits(refund);
    o.paid = bought;
    o.live = false;
    e.orders.update(o);
    e.hist.record(s, t);
    e.pairs.save(s);
    e.ledger.credit(o.tokenOut, o.owner, due, t);
    e.ledger.credit(o.tokenIn, o.owner, refund, t);
    return { refunded: refund, proceeds: bought };
  });
}
