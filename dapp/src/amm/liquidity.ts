import type { Address } from 'viem';
import { zeroAddress } from 'viem';
import { AppError, isqrt, MINIMUM_LIQUIDITY, poolUnitsToWei, quote as quoteAmount, weiToPoolUnits } from '@streamswap/protocol';
import { pairTokens } from './addresses.js';
import { ceilWei, checkAmounts } from './amounts.js';
import { takeFromOwner } from './balanceExtension.js';
import type { PairEngine, PairRef } from './PairEngine.js';

/**
 * Liquidity with Uniswap V2 semantics: the pair is created by the first addLiquidity, the first mint locks
 * MINIMUM_LIQUIDITY at the zero address, LP tokens are ledger tokens marked non-withdrawable. Virtual orders
 * are executed and streamed fees folded into the curve first.
 */

export function addLiquidity(
  e: PairEngine,
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
  return e.db.transaction(() => {
    let ref = e.pairRef(tokenA, tokenB);
    const { token0, token1, lp } = pairTokens(tokenA, tokenB);
    if (ref === undefined) {
      e.pairs.create(token0, token1, t);
      e.ledger.markNonWithdrawable(lp);
      ref = e.pairRef(tokenA, tokenB) as PairRef;
    }
    const s = e.sync(ref.id, t, true);
    // reserves are kept in 2^-64 wei: quote on whole wei, mint against reserves rounded up (never over-mint)
    const [rAx, rBx] = ref.dirA === 0 ? [s.reserve0, s.reserve1] : [s.reserve1, s.reserve0];
    const [rA, rB] = [poolUnitsToWei(rAx), poolUnitsToWei(rBx)];
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
    const supply = e.ledger.totalSupply(lp);
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
    // the debits may settle the provider's orders (executing and saving pairs, this one included): reload after them
    takeFromOwner(e, tokenA, provider, amountA, t);
    takeFromOwner(e, tokenB, provider, amountB, t);
    const after = e.pairs.load(ref.id);
    if (ref.dirA === 0) [after.reserve0, after.reserve1] = [after.reserve0 + weiToPoolUnits(amountA), after.reserve1 + weiToPoolUnits(amountB)];
    else [after.reserve0, after.reserve1] = [after.reserve0 + weiToPoolUnits(amountB), after.reserve1 + weiToPoolUnits(amountA)];
    e.hist.record(after, t);
    e.pairs.save(after);
    if (supply === 0n) e.ledger.mint(lp, zeroAddress, MINIMUM_LIQUIDITY, t);
    e.ledger.mint(lp, provider, liquidity, t);
    return { amountA, amountB, liquidity };
  });
}

export function removeLiquidity(
  e: PairEngine,
  provider: Address,
  tokenA: Address,
  tokenB: Address,
  liquidity: bigint,
  amountAMin: bigint,
  amountBMin: bigint,
  t: bigint,
): { amountA: bigint; amountB: bigint } {
  checkAmounts({ liquidity, amountAMin, amountBMin });
  const ref = e.requirePair(tokenA, tokenB);
  return e.db.transaction(() => {
    const s = e.sync(ref.id, t, true);
    const { lp } = pairTokens(tokenA, tokenB);
    const supply = e.ledger.totalSupply(lp);
    const [rA, rB] = ref.dirA === 0 ? [poolUnitsToWei(s.reserve0), poolUnitsToWei(s.reserve1)] : [poolUnitsToWei(s.reserve1), poolUnitsToWei(s.reserve0)];
    const amountA = supply === 0n ? 0n : (liquidity * rA) / supply;
    const amountB = supply === 0n ? 0n : (liquidity * rB) / supply;
    if (amountA <= 0n || amountB <= 0n) {
      throw new AppError('INSUFFICIENT_LIQUIDITY_BURNED', `Burning ${liquidity} of ${supply} liquidity would return ${amountA} of ${tokenA} and ${amountB} of ${tokenB}.`);
    }
    if (amountA < amountAMin) throw new AppError('INSUFFICIENT_A_AMOUNT', `Removing ${liquidity} liquidity returns ${amountA} of ${tokenA}, below the minimum ${amountAMin}.`);
    if (amountB < amountBMin) throw new AppError('INSUFFICIENT_B_AMOUNT', `Removing ${liquidity} liquidity returns ${amountB} of ${tokenB}, below the minimum ${amountBMin}.`);
    takeFromOwner(e, lp, provider, liquidity, t, true); // may settle the provider's orders: reload the pair after it
    const after = e.pairs.load(ref.id);
    if (ref.dirA === 0) [after.reserve0, after.reserve1] = [after.reserve0 - weiToPoolUnits(amountA), after.reserve1 - weiToPoolUnits(amountB)];
    else [after.reserve0, after.reserve1] = [after.reserve0 - weiToPoolUnits(amountB), after.reserve1 - weiToPoolUnits(amountA)];
    e.hist.record(after, t);
    e.pairs.save(after);
    e.ledger.credit(tokenA, provider, amountA, t);
    e.ledger.credit(tokenB, provider, amountB, t);
    return { amountA, amountB };
  });
}
