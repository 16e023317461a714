import { describe, expect, it } from 'vitest';
import { averagePriceScaled, isOrderOpen, perInterval, soldAt, type OrderTimes } from './orders.js';

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
  it('split into per-hour amounts', () => {
    expect(perInterval(24n, 86_400n, 3_600n)).toBe(1n);
    expect(perInterval(24n, 600n, 3_600n)).toBe(24n);
  });
});
