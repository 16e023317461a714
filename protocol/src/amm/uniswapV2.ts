import { AppError } from '../errors.js';

/**
 * Uniswap V2 pair and library arithmetic (UniswapV2Library.getAmountOut / getAmountIn / quote and the
 * pair's K check), with the original reverts mapped to protocol error codes.
 */

/** Liquidity locked forever by the first mint (UniswapV2Pair.MINIMUM_LIQUIDITY). */
export const MINIMUM_LIQUIDITY = 1000n;
/** 0.3% fee on input: 997/1000 of the input trades. */
export const FEE_NUMERATOR = 997n;
export const FEE_DENOMINATOR = 1000n;

/** Given some amount of an asset and pair reserves, the equivalent amount of the other asset (no fee). */
export function quote(amountA: bigint, reserveA: bigint, reserveB: bigint): bigint {
  if (amountA <= 0n) throw new AppError('INSUFFICIENT_INPUT_AMOUNT', `Cannot quote an amount of ${amountA}: it must be positive.`);
  if (reserveA <= 0n || reserveB <= 0n) {
    throw new AppError('INSUFFICIENT_LIQUIDITY', `Cannot quote against reserves ${reserveA} and ${reserveB}: both must be positive.`);
  }
  return (amountA * reserveB) / reserveA;
}

/** Maximum output for an exact input, fee on input, rounded down (UniswapV2Library.getAmountOut). */
export function getAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  if (amountIn <= 0n) throw new AppError('INSUFFICIENT_INPUT_AMOUNT', `The input amount ${amountIn} must be positive.`);
  if (reserveIn <= 0n || reserveOut <= 0n) {
    throw new AppError('INSUFFICIENT_LIQUIDITY', `The pool reserves ${reserveIn} and ${reserveOut} must both be positive.`);
  }
  const amountInWithFee = amountIn * FEE_NUMERATOR;
  return (amountInWithFee * reserveOut) / (reserveIn * FEE_DENOMINATOR + amountInWithFee);
}

/** Minimum input for an exact output, rounded up (UniswapV2Library.getAmountIn). */
export function getAmountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  if (amountOut <= 0n) throw new AppError('INSUFFICIENT_OUTPUT_AMOUNT', `The output amount ${amountOut} must be positive.`);
  if (reserveIn <= 0n || reserveOut <= 0n) {
    throw new AppError('INSUFFICIENT_LIQUIDITY', `The pool reserves ${reserveIn} and ${reserveOut} must both be positive.`);
  }
  if (amountOut >= reserveOut) {
    throw new AppError('INSUFFICIENT_LIQUIDITY', `The output ${amountOut} is not below the reserve ${reserveOut}.`);
  }
  return (reserveIn * amountOut * FEE_DENOMINATOR) / ((reserveOut - amountOut) * FEE_NUMERATOR) + 1n;
}

/**
 * The pair's swap check (UniswapV2Pair.swap): after `amountIn` enters and `amountOut` leaves, the
 * fee-adjusted balances must keep k: (rIn*1000 + in*997) * (rOut - out) * 1000 >= rIn * rOut * 1000^2.
 * Returns the new reserves or throws K (or INSUFFICIENT_OUTPUT_AMOUNT / INSUFFICIENT_LIQUIDITY / INSUFFICIENT_INPUT_AMOUNT).
 */
export function checkedSwap(amountIn: bigint, amountOut: bigint, reserveIn: bigint, reserveOut: bigint): { reserveIn: bigint; reserveOut: bigint } {
  if (amountOut <= 0n) throw new AppError('INSUFFICIENT_OUTPUT_AMOUNT', `The output amount ${amountOut} must be positive.`);
  if (amountOut >= reserveOut) {
    throw new AppError('INSUFFICIENT_LIQUIDITY', `The output ${amountOut} is not below the reserve ${reserveOut}.`);
  }
  if (amountIn <= 0n) throw new AppError('INSUFFICIENT_INPUT_AMOUNT', `The input amount ${amountIn} must be positive.`);
  const balanceIn = reserveIn + amountIn;
  const balanceOut = reserveOut - amountOut;
  const adjustedIn = balanceIn * FEE_DENOMINATOR - amountIn * (FEE_DENOMINATOR - FEE_NUMERATOR);
  const adjustedOut = balanceOut * FEE_DENOMINATOR;
  if (adjustedIn * adjustedOut < reserveIn * reserveOut * FEE_DENOMINATOR * FEE_DENOMINATOR) {
    throw new AppError('K', `Paying ${amountOut} for ${amountIn} against reserves ${reserveIn}/${reserveOut} would decrease k.`);
  }
  return { reserveIn: balanceIn, reserveOut: balanceOut };
}

/** The input that trades after the 0.3% fee, rounded down (the fee, rounded up, stays in the pool). */
export function amountAfterFee(amountIn: bigint): bigint {
  return (amountIn * FEE_NUMERATOR) / FEE_DENOMINATOR;
}
