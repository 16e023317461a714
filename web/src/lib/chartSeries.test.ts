import { describe, expect, it } from 'vitest';
import { axisNumberFor, paddedDomain, rangeFrom, toChartPoints } from './chartSeries.js';


describe('chart series', () => {
  it('turns reserves into a price of A in B with decimals', () => {
    const rows = toChartPoints(
      { points: [{ t: 5, reserveA: '2000000000000000000', reserveB: '4000000', streamedA: '0', streamedB: '1000000', swappedA: '0', swappedB: '0' }] },
      18,
      6,
    );
    expect(rows[0]).toMatchObject({ t: 5, price: 2, reserveA: 2, reserveB: 4, streamedA: 0, streamedB: 1 });
    expect(rows[0]!.raw).toEqual({ price: 2n * 10n ** 18n, reserveA: 2n * 10n ** 18n, reserveB: 4_000_000n, flowA: 0n, flowB: 1_000_000n });
  });
  it('keeps times as numbers (gaps stay gaps), adds instant swaps to the flow, and carries the last state to now', () => {
    const p = (t: number, swappedA: string) => ({ t, reserveA: '1000', reserveB: '2000', streamedA: '5', streamedB: '0', swappedA, swappedB: '0' });
    const rows = toChartPoints({ points: [p(60, '0'), p(480, '10')] }, 0, 0, 600);
    expect(rows.map((r) => r.t)).toEqual([60, 480, 600]);
    expect(rows[1]!.raw.flowA).toBe(15n);
    expect(rows[2]).toMatchObject({ price: 2, streamedA: 0 });
  });
  it('computes the start of a range and clamps at zero', () => {
    expect(rangeFrom('1h', 10_000n)).toBe(6_400n);
    expect(rangeFrom('1w', 10_000n)).toBe(0n);
    expect(rangeFrom('all', 10_000n)).toBe(0n);
  });
  it('pads a flat price line into the middle of its axis', () => {
    expect(paddedDomain([2, 2])).toEqual([1.96, 2.04]);
    expect(paddedDomain([1, 3])).toEqual([0.7, 3.3]);
    expect(paddedDomain([])).toEqual(['auto', 'auto']);
  });
  it('gives axis ticks the decimals their step needs', () => {
    const f = axisNumberFor(1.98, 2.02);
    expect([1.99, 2, 2.01].map(f)).toEqual(['1.99', '2', '2.01']);
    expect(axisNumberFor(0, 6000)(4500)).toBe('4.5K');
  });
});
