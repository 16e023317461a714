import { describe, expect, it } from 'vitest';
import { lpDecimals, liquidityMinted, percentOf, priceScaled, quoteAmountB, removeAmounts, shareBps, sqrt, withSlippage } from './liquidity.js';

describe('liquidity math', () => {
  it('derives the second amount from the reserves', () => {
    expect(quoteAmountB(10n, 1_000n, 2_000n)).toBe(20n);
    expect(quoteAmountB(10n, 0n, 0n)).toBe(0n);
  });
  it('mints sqrt(a*b) - 1000 for the first provider', () => {
    expect(liquidityMinted(10n ** 18n, 4n * 10n ** 18n, 0n, 0n, 0n)).toBe(2n * 10n ** 18n - 1000n);
  });
  it('mints the smaller proportional share afterwards', () => {
    expect(liquidityMinted(100n, 300n, 1_000n, 2_000n, 500n)).toBe(50n);
  });
  it('computes the share and what a removal returns', () => {
    expect(shareBps(25n, 100n)).toBe(2_500);
    expect(removeAmounts(25n, 1_000n, 2_000n, 100n)).toEqual({ amountA: 250n, amountB: 500n });
  });
  it('makes Max exactly the balance and 25% a quarter', () => {
    expect(percentOf(1_001n, 100)).toBe(1_001n);
    expect(percentOf(1_000n, 25)).toBe(250n);
  });
  it('applies slippage and integer sqrt', () => {
    expect(withSlippage(10_000n, 50n)).toBe(9_950n);
    expect(sqrt(99n)).toBe(9n);
    expect(sqrt(10n ** 36n)).toBe(10n ** 18n);
  });
  it('prices with decimals: 1 tCTSI (18) = 0.5 tUSD (6)', () => {
    expect(priceScaled(2n * 10n ** 18n, 1_000_000n, 18, 6)).toBe(5n * 10n ** 17n);
  });
});

describe('lpDecimals', () => {
  it('uses the geometric mean of the units, so 1 tCTSI(18) + 1 tUSD(6) mints about 1 LP(12)', () => {
    expect(lpDecimals(18, 6)).toBe(12);
    expect(lpDecimals(18, 18)).toBe(18);
  });
});
