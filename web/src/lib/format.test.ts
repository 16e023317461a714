import { describe, expect, it } from 'vitest';
import { formatAmount, formatBps, formatDuration, formatFixed, parseAmount, tickingFractionDigits, toInputText } from './format.js';

describe('formatAmount', () => {
  it('groups thousands and trims trailing zeros', () => {
    expect(formatAmount(1_234_500_000n, 6)).toBe('1,234.5');
  });
  it('truncates instead of rounding up', () => {
    expect(formatAmount(999_999_999_999_999_999n, 18, 4)).toBe('0.9999');
  });
  it('says "< 0.0001" for dust rather than showing zero', () => {
    expect(formatAmount(1n, 18, 4)).toBe('< 0.0001');
  });
  it('formats zero as 0', () => {
    expect(formatAmount(0n, 18)).toBe('0');
  });
});

describe('formatFixed', () => {
  it('pads to a fixed number of digits so ticking numbers keep their width', () => {
    expect(formatFixed(1_500_000n, 6, 4)).toBe('1.5000');
    expect(formatFixed(12_345_678_900_000_000_000_000n, 18, 2)).toBe('12,345.67');
  });
});

describe('parseAmount', () => {
  it('parses with the token decimals without floats', () => {
    expect(parseAmount('1.5', 6)).toEqual({ ok: true, value: 1_500_000n });
    expect(parseAmount('0.000000000000000001', 18)).toEqual({ ok: true, value: 1n });
    expect(parseAmount('.5', 6)).toEqual({ ok: true, value: 500_000n });
    expect(parseAmount('1,000', 6)).toEqual({ ok: true, value: 1_000_000_000n });
  });
  it('rejects more fraction digits than the token has', () => {
    expect(parseAmount('1.0000001', 6)).toEqual({ ok: false, reason: 'tooManyDecimals' });
  });
  it('names empty, zero and invalid input apart', () => {
    expect(parseAmount('  ', 6)).toEqual({ ok: false, reason: 'empty' });
    expect(parseAmount('0.00', 6)).toEqual({ ok: false, reason: 'zero' });
    expect(parseAmount('1e5', 6)).toEqual({ ok: false, reason: 'invalid' });
    expect(parseAmount('-1', 6)).toEqual({ ok: false, reason: 'invalid' });
  });
  it('round-trips with toInputText', () => {
    const value = 123_456_789_012_345_678_901n;
    expect(parseAmount(toInputText(value, 18), 18)).toEqual({ ok: true, value });
  });
});

describe('tickingFractionDigits', () => {
  it('shows more digits for slow rates and fewer for fast ones', () => {
    // 1 token/s at 18 decimals -> about 2 moving digits after the point
    expect(tickingFractionDigits(10n ** 18n, 18)).toBe(2);
    // 0.001 token/s -> 5 digits
    expect(tickingFractionDigits(10n ** 15n, 18)).toBe(5);
    expect(tickingFractionDigits(0n, 6)).toBe(4);
  });
});

describe('formatDuration and formatBps', () => {
  it('keeps the two largest units', () => {
    expect(formatDuration(90_061)).toBe('1d 1h');
    expect(formatDuration(300)).toBe('5min');
    expect(formatDuration(0)).toBe('0s');
  });
  it('writes basis points as a percentage', () => {
    expect(formatBps(1234)).toBe('12.34%');
    expect(formatBps(5)).toBe('0.05%');
  });
});
