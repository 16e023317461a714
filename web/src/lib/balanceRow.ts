import { AMOUNT_MAX_FRACTION_DIGITS, formatAmount, formatFixed } from './format.js';

export interface BalanceRowFigures {
  /** shown texts; inApp is always exactly available + locked as written */
  inApp: string;
  available: string;
  locked: string;
  /** the values the texts stand for (truncated to the shown digits), base units */
  inAppShown: bigint;
  availableShown: bigint;
  lockedShown: bigint;
  fractionDigits: number;
}

const fractionDigitsOf = (text: string) => (text.includes('.') ? text.length - text.indexOf('.') - 1 : 0);

/**
 * The three figures of a balance row from ONE snapshot (balance and available at the same instant):
 * locked is derived as balance - available, each is cut to the same number of fraction digits, and
 * "In app" is written as the sum of the other two as shown, so the row adds up on screen, always.
 * `movingDigits` (a ticking row) fixes the digits; a still row takes the most any of its figures needs.
 */
export function balanceRowFigures(balance: bigint, available: bigint, decimals: number, movingDigits?: number): BalanceRowFigures {
  const locked = balance > available ? balance - available : 0n;
  const avail = available > balance ? balance : available;
  const digits = Math.min(
    decimals,
    movingDigits ?? Math.max(...[balance, avail, locked].map((v) => fractionDigitsOf(formatAmount(v, decimals))), 0),
    Math.max(movingDigits ?? 0, AMOUNT_MAX_FRACTION_DIGITS),
  );
  const unit = 10n ** BigInt(decimals - digits);
  const availableShown = (avail / unit) * unit;
  const lockedShown = (locked / unit) * unit;
  const inAppShown = availableShown + lockedShown;
  const text = (v: bigint) => (v === 0n ? '0' : formatFixed(v, decimals, digits));
  return { inApp: text(inAppShown), available: text(availableShown), locked: text(lockedShown), inAppShown, availableShown, lockedShown, fractionDigits: digits };
}
