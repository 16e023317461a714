import { describe, expect, it } from 'vitest';
import { averagePriceOf, limitPriceScaled, meetsLimit, parseLimitPrice, priceText } from './limitPrice.js';

const X64 = 1n << 64n;

describe('parseLimitPrice', () => {
  it('turns "2" tUSD(6) per tCTSI(18) into wei per wei scaled by 2^64', () => {
    const r = parseLimitPrice('2', 18, 6);
    expect(r.state).toBe('ok');
    if (r.state !== 'ok') return;
    // 2e6 / 1e18 * 2^64, rounded up
    expect(r.priceX64).toBe((2_000_000n * X64 + 10n ** 18n - 1n) / 10n ** 18n);
    // rounded up: never below the typed 2, and above it by less than one X64 unit (~5.4e-8 here)
    expect(limitPriceScaled(r.priceX64, 18, 6)).toBeGreaterThanOrEqual(2n * 10n ** 18n);
    expect(limitPriceScaled(r.priceX64, 18, 6)).toBeLessThan(2n * 10n ** 18n + 10n ** 11n);
  });
  it('is exact when the units allow it', () => {
    const r = parseLimitPrice('1.5', 18, 18);
    expect(r).toEqual({ state: 'ok', priceX64: (3n * X64) / 2n });
  });
  it('refuses what is not a price and leaves an empty field optional', () => {
    expect(parseLimitPrice('', 18, 6)).toEqual({ state: 'empty' });
    expect(parseLimitPrice('abc', 18, 6)).toEqual({ state: 'invalid', reason: 'invalid' });
    expect(parseLimitPrice('0', 18, 6)).toEqual({ state: 'invalid', reason: 'zero' });
    expect(parseLimitPrice('1.1234567', 18, 6)).toEqual({ state: 'invalid', reason: 'tooManyDecimals' });
  });
});

describe('meetsLimit', () => {
  it('compares the average of an estimate with the limit like the back-end', () => {
    const limit = (3n * X64) / 2n; // 1.5 out per in
    expect(meetsLimit(100n, 150n, limit)).toBe(true);
    expect(meetsLimit(100n, 149n, limit)).toBe(false);
  });
});

describe('priceText', () => {
  it('fills the limit field with no more decimals than the output token has, rounded down', () => {
    const scaled = 2_435_557_285_574_214_619n; // 2.435557285574214619
    expect(priceText(scaled, 6)).toBe('2.435557');
    expect(parseLimitPrice(priceText(scaled, 6), 18, 6).state).toBe('ok');
    expect(priceText(scaled, 18)).toBe('2.435557285574214619');
  });
  it('prices a minimum received as the average that meets it', () => {
    // 348.02 tUSD (6) for 150 tCTSI (18): 2.3201...
    const avg = averagePriceOf(150n * 10n ** 18n, 348_026_740n, 18, 6);
    const limit = parseLimitPrice(priceText(avg, 6), 18, 6);
    expect(limit.state === 'ok' && meetsLimit(150n * 10n ** 18n, 348_026_740n, limit.priceX64)).toBe(true);
  });
});
