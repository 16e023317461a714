/** Liquidity math for the Pool screen (display and minimums only; the app is the authority). */

/** Uniswap V2 burns the first MINIMUM_LIQUIDITY LP tokens so the pool can never be emptied to zero. */
export const MINIMUM_LIQUIDITY = 1000n;

/** The amount of B that keeps the pool ratio for `amountA` (UniswapV2Library.quote). */
export function quoteAmountB(amountA: bigint, reserveA: bigint, reserveB: bigint): bigint {
  if (reserveA === 0n || reserveB === 0n) return 0n;
  return (amountA * reserveB) / reserveA;
}

export function sqrt(value: bigint): bigint {
  if (value < 0n) throw new RangeError(`sqrt of a negative number ${value}`);
  if (value < 2n) return value;
  let x = value;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + value / x) / 2n;
  }
  return x;
}

/** LP tokens minted for a deposit, as UniswapV2Pair.mint computes them. */
export function liquidityMinted(amountA: bigint, amountB: bigint, reserveA: bigint, reserveB: bigint, totalSupply: bigint): bigint {
  if (totalSupply === 0n) {
    const root = sqrt(amountA * amountB);
    return root > MINIMUM_LIQUIDITY ? root - MINIMUM_LIQUIDITY : 0n;
  }
  const a = (amountA * totalSupply) / reserveA;
  const b = (amountB * totalSupply) / reserveB;
  return a < b ? a : b;
}

/** Share in basis points of `liquidity` within `totalSupply` (after adding it when `adding`). */
export function shareBps(liquidity: bigint, totalSupply: bigint): number {
  if (totalSupply <= 0n) return 0;
  return Number((liquidity * 10_000n) / totalSupply);
}

/** What `liquidity` LP tokens withdraw from the reserves. */
export function removeAmounts(liquidity: bigint, reserveA: bigint, reserveB: bigint, totalSupply: bigint): { amountA: bigint; amountB: bigint } {
  if (totalSupply === 0n) return { amountA: 0n, amountB: 0n };
  return { amountA: (liquidity * reserveA) / totalSupply, amountB: (liquidity * reserveB) / totalSupply };
}

/** `percent` (0..100) of an LP balance; 100 is exactly the balance so Max leaves no dust. */
export function percentOf(balance: bigint, percent: number): bigint {
  if (percent >= 100) return balance;
  return (balance * BigInt(Math.max(0, Math.round(percent)))) / 100n;
}

/** A minimum after slippage tolerance in basis points, rounded down. */
export function withSlippage(amount: bigint, slippageBps: bigint): bigint {
  return (amount * (10_000n - slippageBps)) / 10_000n;
}

/** Price of A in B, scaled by 10^18, with token decimals applied (how many B for one whole A). */
export function priceScaled(reserveA: bigint, reserveB: bigint, decimalsA: number, decimalsB: number): bigint {
  if (reserveA === 0n) return 0n;
  return (reserveB * 10n ** BigInt(decimalsA) * 10n ** 18n) / (reserveA * 10n ** BigInt(decimalsB));
}

/**
 * Display decimals of an LP token: liquidity is sqrt(amountA * amountB), so its natural unit is the
 * geometric mean of the two tokens' units, 10^((decimalsA + decimalsB) / 2).
 */
export function lpDecimals(decimalsA: number, decimalsB: number): number {
  return Math.floor((decimalsA + decimalsB) / 2);
}
