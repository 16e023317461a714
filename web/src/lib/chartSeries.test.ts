import { describe, expect, it } from 'vitest';
import { rangeFrom, toChartPoints } from './chartSeries.js';

const A = '0x0000000000000000000000000000000000000001';
const B = '0x0000000000000000000000000000000000000002';

describe('chart series', () => {
  it('turns reserves into a price of A in B with decimals', () => {
    const rows = toChartPoints(
      { tokenA: A, tokenB: B, from: 0, to: 10, points: [{ t: 5, reserveA: '2000000000000000000', reserveB: '4000000', streamedA: '0', streamedB: '1000000', swappedA: '0', swappedB: '0' }] },
      18,
      6,
    );
    expect(rows[0]).toEqual({ t: 5, price: 2, reserveA: 2, reserveB: 4, streamedA: 0, streamedB: 1 });
  });
  it('computes the start of a range and clamps at zero', () => {
    expect(rangeFrom('1h', 10_000n)).toBe(6_400n);
    expect(rangeFrom('1w', 10_000n)).toBe(0n);
    expect(rangeFrom('all', 10_000n)).toBe(0n);
  });
});
