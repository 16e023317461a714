import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignUp, ORDER_INTERVAL, orderWindow } from './orderWindow.js';

describe('orderWindow (the order-block interval)', () => {
  it('starts an order placed now at once and ends it on the first whole minute at or after now + duration', () => {
    expect(orderWindow(1_000n, 0n, 100n)).toEqual({ start: 1_000n, end: 1_140n });
    expect(orderWindow(1_000n, 1_000n, 100n)).toEqual({ start: 1_000n, end: 1_140n });
    expect(orderWindow(1_020n, 0n, 60n)).toEqual({ start: 1_020n, end: 1_080n });
  });
  it('moves a later start up to the grid and ends whole minutes after it', () => {
    expect(orderWindow(1_000n, 1_001n, 1n)).toEqual({ start: 1_020n, end: 1_080n });
    expect(orderWindow(1_000n, 1_080n, 3_600n)).toEqual({ start: 1_080n, end: 4_680n });
  });
  it('never shortens an order, lengthens it by less than the interval, and ends it on the grid (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 40n }), fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 1n, max: 10n ** 8n }), (now, delay, duration) => {
        const asked = delay === 0n ? 0n : now + delay;
        const w = orderWindow(now, asked, duration);
        const from = asked === 0n ? now : asked;
        expect(w.end % ORDER_INTERVAL).toBe(0n);
        expect(w.start >= from && w.start - from < ORDER_INTERVAL).toBe(true);
        if (asked !== 0n) expect(w.start % ORDER_INTERVAL).toBe(0n);
        expect(w.end - w.start >= duration && w.end - w.start - duration < ORDER_INTERVAL).toBe(true);
      }),
    );
  });
  it('aligns up, not down', () => {
    expect([alignUp(0n), alignUp(1n), alignUp(59n), alignUp(60n), alignUp(61n)]).toEqual([0n, 60n, 60n, 60n, 120n]);
  });
  it('refuses an order without a duration', () => {
    expect(() => orderWindow(0n, 0n, 0n)).toThrow(RangeError);
  });
});
