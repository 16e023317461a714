import { describe, expect, it } from 'vitest';
import { balanceRowFigures } from './balanceRow.js';
import { parseAmount } from './format.js';

const e18 = 10n ** 18n;
const value = (text: string) => {
  const p = parseAmount(text, 18);
  return p.ok ? p.value : 0n;
};

describe('balanceRowFigures', () => {
  it('writes In app as Available + Locked as shown, whatever the wei below the last digit', () => {
    for (const [balance, available] of [
      [252_679_284_437_915_205_807n, 170_000_000_000_000_000_001n],
      [500n * e18, 68_312_000_000_000_000_000n],
      [1n, 0n],
      [123_456_789_999_999_999_999n, 1n],
    ] as const) {
      for (const moving of [undefined, 2, 5]) {
        const f = balanceRowFigures(balance, available, 18, moving);
        expect(f.inAppShown).toBe(f.availableShown + f.lockedShown);
        expect(value(f.inApp)).toBe(value(f.available) + value(f.locked));
        // never more than is there
        expect(f.inAppShown).toBeLessThanOrEqual(balance);
      }
    }
  });
  it('uses one digit count for the row: the most any figure needs, at most 6', () => {
    const f = balanceRowFigures(500n * e18, 431_688n * 10n ** 15n, 18);
    expect(f).toMatchObject({ inApp: '500.000', available: '431.688', locked: '68.312', fractionDigits: 3 });
    expect(balanceRowFigures(500n * e18, 500n * e18, 18)).toMatchObject({ inApp: '500', available: '500', locked: '0' });
    expect(balanceRowFigures(252_679_284_437_915_205_807n, 0n, 18).locked).toBe('252.679284');
  });
  it('keeps the ticking digits while the row moves', () => {
    expect(balanceRowFigures(10n * e18, 4n * e18, 18, 2)).toMatchObject({ inApp: '10.00', available: '4.00', locked: '6.00' });
  });
});
