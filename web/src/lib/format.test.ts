import { describe, expect, it } from 'vitest';
import { exactAmount, formatAmount, formatBps, formatTokenAmount, formatDuration, formatFixed, parseAmount, tickingFractionDigits, toInputText } from './format.js';

const e18 = 10n ** 18n;
const e6 = 10n ** 6n;

describe('formatAmount', () => {
  it('groups thousands and trims trailing zeros', () => {
    expect(formatAmount(1_234_500_000n, 6)).toBe('1,234.5');
    expect(formatAmount(500n * e18, 18)).toBe('500');
  });
  it('shows up to 6 fraction digits: 123.456789 stays whole, 18 decimals never show', () => {
    expect(formatAmount(123_456_789n * 10n ** 12n, 18)).toBe('123.456789');
    expect(formatAmount(252_679_284_437_915_205_807n, 18)).toBe('252.679284');
    expect(formatAmount(63_064n * 10n ** 12n, 18)).toBe('0.063064');
    expect(formatAmount(431_688n * 10n ** 15n, 18)).toBe('431.688');
  });
  it('keeps at most 10 significant digits once the integer part is long, but every integer digit', () => {
    expect(formatAmount(1_234_567_891_234n * 10n ** 12n, 18)).toBe('1,234,567.891');
    expect(formatAmount(12_345_678_901_500_000n, 6)).toBe('12,345,678,901');
  });
  it('truncates toward zero, never rounding up', () => {
    expect(formatAmount(999_999_999_999_999_999n, 18)).toBe('0.999999');
    expect(formatAmount(1_999_999_999n, 6)).toBe('1,999.999999');
    expect(formatAmount(-1_999_999_999_999n, 6)).toBe('-1,999,999.999');
  });
  it('shows tiny amounts down to 0.000001 and says "<0.000001" only below it', () => {
    expect(formatAmount(e18 / e6, 18)).toBe('0.000001');
    expect(formatAmount(1n, 6)).toBe('0.000001');
    expect(formatAmount(1_234_567n, 18)).toBe('<0.000001');
    expect(formatAmount(1n, 18)).toBe('<0.000001');
    expect(formatAmount(-1n, 18)).toBe('>-0.000001');
  });
  it('formats zero as 0 and tokens without decimals as integers', () => {
    expect(formatAmount(0n, 18)).toBe('0');
    expect(formatAmount(1_234n, 0)).toBe('1,234');
  });
  it('narrows the fraction budget when asked, still never showing a non-zero amount as 0', () => {
    expect(formatAmount(123_456_789n * 10n ** 12n, 18, 2)).toBe('123.45');
    expect(formatAmount(1n, 18, 2)).toBe('<0.01');
  });
  it('gives the same text for the same value whatever the token decimals', () => {
    expect(formatAmount(123_456_789n, 6)).toBe(formatAmount(123_456_789n * 10n ** 12n, 18));
  });
  it('is never more than the exact value (property over many magnitudes)', () => {
    for (let exp = 0n; exp <= 30n; exp++) {
      for (const mantissa of [1n, 7n, 123_456_789n, 999_999_999_999n]) {
        const value = mantissa * 10n ** exp;
        const shown = formatAmount(value, 18);
        if (shown.startsWith('<')) continue;
        const parsed = parseAmount(shown, 18);
        expect(parsed.ok && parsed.value <= value, `${value} shown as ${shown}`).toBe(true);
        expect(shown.replace(/[^0-9]/g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(Math.max(10, value.toString().length - 18));
      }
    }
  });
});

describe('formatTokenAmount and exactAmount', () => {
  it('adds the symbol, and keeps every digit for hover and copy', () => {
    expect(formatTokenAmount(4n * e18, 18, 'ETH')).toBe('4 ETH');
    expect(exactAmount(123_456_789_012_345_678_901n, 18)).toBe('123.456789012345678901');
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
