import { describe, expect, it } from 'vitest';
import { averagePriceScaled, cancelRefund, isOrderOpen, orderStatusAt, soldAt, type OrderTimes } from './orders.js';

const order: OrderTimes = { amountIn: 3_600n, start: 0n, duration: 3_600n, status: 'active', sold: 0n, closedAt: null };

describe('DCA orders', () => {
  it('sell linearly between start and end', () => {
    expect(soldAt(order, 1_800_000n)).toBe(1_800n);
    expect(soldAt(order, 7_200_000n)).toBe(3_600n);
  });
  it('freeze what was sold when canceled', () => {
    expect(soldAt({ ...order, status: 'canceled', sold: 100n }, 3_000_000n)).toBe(100n);
  });
  it('are open until their end', () => {
    expect(isOrderOpen(order, 3_599_000n)).toBe(true);
    expect(isOrderOpen(order, 3_600_000n)).toBe(false);
  });
  it('report the average price with decimals: 2 tUSD(6) for 1 tCTSI(18)', () => {
    expect(averagePriceScaled(10n ** 18n, 2_000_000n, 18, 6)).toBe(2n * 10n ** 18n);
    expect(averagePriceScaled(0n, 0n, 18, 6)).toBeNull();
  });
  it('give back the unsold part when canceled', () => {
    expect(cancelRefund(order, 1_200_000n)).toBe(2_400n);
    expect(cancelRefund(order, 0n)).toBe(3_600n);
  });
  it('show pending, active, then completed with chain time, and keep a cancel', () => {
    const later = { ...order, start: 100n };
    expect(orderStatusAt(later, 50_000n)).toBe('pending');
    expect(orderStatusAt(later, 150_000n)).toBe('active');
    expect(orderStatusAt(later, 3_700_000n)).toBe('completed');
    expect(orderStatusAt({ ...order, status: 'canceled', sold: 5n }, 10_000n)).toBe('canceled');
  });
});
