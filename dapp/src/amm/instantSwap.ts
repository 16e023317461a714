import type { Address } from 'viem';
import { AppError, checkedSwap, getAmountOut, poolUnitsToWei, weiToPoolUnits } from '@streamswap/protocol';
import { ceilWei } from './amounts.js';
import { takeFromOwner } from './balanceExtension.js';
import type { PairEngine, PairRef } from './PairEngine.js';

/** Instant swap (duration 0): V2 getAmountOut and the pair's K check, after executing virtual orders and folding fees. */
export function instantSwap(e: PairEngine, ref: PairRef, account: Address, tokenIn: Address, tokenOut: Address, amountIn: bigint, amountOutMin: bigint, t: bigint): bigint {
  return e.db.transaction(() => {
    takeFromOwner(e, tokenIn, account, amountIn, t); // before the pair is loaded: it may settle the account's orders
    const s = e.sync(ref.id, t, true);
    const dir = ref.dirA;
    // whole-wei V2 arithmetic on the input reserve rounded up and the output reserve rounded down: the
    // pool's sub-wei fractions only ever make the trade worse for the trader, so the exact k never falls
    const [rInX, rOutX] = dir === 0 ? [s.reserve0, s.reserve1] : [s.reserve1, s.reserve0];
    const [rIn, rOut] = [ceilWei(rInX), poolUnitsToWei(rOutX)];
    const amountOut = getAmountOut(amountIn, rIn, rOut);
    if (amountOut === 0n || amountOut < amountOutMin) {
      throw new AppError('INSUFFICIENT_OUTPUT_AMOUNT', `Swapping ${amountIn} of ${tokenIn} pays ${amountOut} of ${tokenOut}, below the minimum ${amountOutMin}.`);
    }
    checkedSwap(amountIn, amountOut, rIn, rOut);
    const [newIn, newOut] = [rInX + weiToPoolUnits(amountIn), rOutX - weiToPoolUnits(amountOut)];
    if (dir === 0) [s.reserve0, s.reserve1] = [newIn, newOut];
    else [s.reserve1, s.reserve0] = [newIn, newOut];
    e.hist.record(s, t, dir === 0 ? [amountIn, 0n] : [0n, amountIn]);
    e.pairs.save(s);
    e.ledger.credit(tokenOut, account, amountOut, t);
    return amountOut;
  });
}
