import { formatUnits, parseUnits } from 'viem';

/** Inserts thousands separators into the integer part of a plain decimal string. */
function groupThousands(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Significant digits an amount keeps at most, unless its integer part alone is longer (then all of it). */
export const AMOUNT_SIGNIFICANT_DIGITS = 10;
/** Fraction digits an amount shows at most: enough for 0.000001, never a wall of 18 decimals. */
export const AMOUNT_MAX_FRACTION_DIGITS = 6;

/**
 * THE formatter for every token amount on screen. The rule, applied the same way everywhere:
 * - truncate toward zero (never round up: a shown balance is never more than what is there);
 * - keep every integer digit, grouped in thousands ("1,234,567");
 * - then fraction digits up to 6 and up to 10 significant digits in all, trailing zeros dropped
 *   ("500", "431.688", "0.063064", "123.456789", "252.679284", "1,234,567.891");
 * - a non-zero amount below the last shown digit reads "<0.000001" (never "0"), the exact value
 *   being in <Amount>'s hover and copy.
 * `maxFractionDigits` only narrows the fraction budget for tight spots; most callers leave it.
 */
export function formatAmount(value: bigint, decimals: number, maxFractionDigits: number = AMOUNT_MAX_FRACTION_DIGITS): string {
  const negative = value < 0n;
  const [integer = '0', fraction = ''] = formatUnits(negative ? -value : value, decimals).split('.');
  const integerDigits = integer === '0' ? 0 : integer.length;
  // leading zeros after the point are not significant: 0.000123 has 3 significant digits
  const leadingZeros = integer === '0' ? (fraction.match(/^0*/)?.[0].length ?? 0) : 0;
  const bySignificance = Math.max(0, AMOUNT_SIGNIFICANT_DIGITS - integerDigits) + leadingZeros;
  const keep = Math.min(Math.max(0, maxFractionDigits), AMOUNT_MAX_FRACTION_DIGITS, bySignificance);
  const kept = fraction.slice(0, keep).replace(/0+$/, '');
  const body = kept ? `${groupThousands(integer)}.${kept}` : groupThousands(integer);
  if (value !== 0n && body === '0') {
    const smallest = keep > 0 ? `0.${'0'.repeat(keep - 1)}1` : '1';
    return negative ? `>-${smallest}` : `<${smallest}`;
  }
  return negative ? `-${body}` : body;
}

/** An amount with its symbol, for sentences (toasts, labels): "1,234.5 tUSD". */
export function formatTokenAmount(value: bigint, decimals: number, symbol: string): string {
  return `${formatAmount(value, decimals)} ${symbol}`;
}

/** The exact decimal text of an amount, every digit kept ("123.456789012345678901"): hover, copy, data-value. */
export function exactAmount(value: bigint, decimals: number): string {
  return formatUnits(value, decimals);
}

/** Like formatAmount but always shows exactly `fractionDigits` digits (for ticking numbers that must not jump in width). */
export function formatFixed(value: bigint, decimals: number, fractionDigits: number): string {
  const negative = value < 0n;
  const text = formatUnits(negative ? -value : value, decimals);
  const [integer = '0', fraction = ''] = text.split('.');
  const digits = Math.min(fractionDigits, decimals);
  const padded = fraction.padEnd(digits, '0').slice(0, digits);
  const body = digits > 0 ? `${groupThousands(integer)}.${padded}` : groupThousands(integer);
  return negative ? `-${body}` : body;
}

/**
 * How many fraction digits make a ticking number move by about three digits per second:
 * the last shown digit should be worth about a hundredth of a second's change.
 */
export function tickingFractionDigits(ratePerSecond: bigint, decimals: number): number {
  const rate = ratePerSecond < 0n ? -ratePerSecond : ratePerSecond;
  if (rate === 0n) return Math.min(4, decimals);
  // digits of the rate in wei; a unit at 10^(len-3) changes ~100 times per second.
  const exponent = rate.toString().length - 3;
  return Math.max(2, Math.min(decimals, decimals - exponent));
}

export type ParsedAmount =
  | { ok: true; value: bigint }
  | { ok: false; reason: 'empty' | 'invalid' | 'tooManyDecimals' | 'zero' };

/** Parses what the user typed into base units with the token's decimals; never goes through floats. */
export function parseAmount(input: string, decimals: number): ParsedAmount {
  const text = input.trim().replace(/,/g, '');
  if (text === '') return { ok: false, reason: 'empty' };
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text)) return { ok: false, reason: 'invalid' };
  const fraction = text.split('.')[1] ?? '';
  if (fraction.length > decimals) return { ok: false, reason: 'tooManyDecimals' };
  const value = parseUnits(text.startsWith('.') ? `0${text}` : text, decimals);
  if (value === 0n) return { ok: false, reason: 'zero' };
  return { ok: true, value };
}

/** The exact decimal text of an amount (for "Max" buttons: fills the input without losing wei). */
export function toInputText(value: bigint, decimals: number): string {
  return formatUnits(value, decimals);
}

const UNITS: readonly [number, string][] = [
  [86_400, 'd'],
  [3_600, 'h'],
  [60, 'min'],
  [1, 's'],
];

/** "2d 3h", "45min", "10s": the two largest non-zero units. */
export function formatDuration(seconds: bigint | number): string {
  let rest = Number(seconds);
  if (rest <= 0) return '0s';
  const parts: string[] = [];
  for (const [size, unit] of UNITS) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

/** A unix time as a short local date and time. */
export function formatDateTime(unixSeconds: bigint | number): string {
  return new Date(Number(unixSeconds) * 1000).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Basis points as a percentage with two decimals: 1234 -> "12.34%". */
export function formatBps(bps: bigint | number): string {
  const value = BigInt(bps);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}%`;
  return negative ? `-${text}` : text;
}

/** Shortens an address for display: 0x1234…abcd. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
