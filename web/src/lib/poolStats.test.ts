import { describe, expect, it } from 'vitest';
import { feeAprBps, positionValueInB, tvlInB, volumeInB } from './poolStats.js';

const point = (t: number, over: Partial<Record<'swappedA' | 'swappedB' | 'streamedA' | 'streamedB', string>> = {}) => ({
  t,
  reserveA: '1000',
  reserveB: '2000',
  swappedA: '0',
  swappedB: '0',
  streamedA: '0',
  streamedB: '0',
  ...over,
});

describe('pool headline figures', () => {
  it('values the whole pool in the quote token at its own price', () => {
    expect(tvlInB(1_000n, 2_000n)).toBe(4_000n);
    expect(tvlInB(0n, 0n)).toBe(0n);
  });
  it('adds instant and streamed flows of both directions into one volume in B', () => {
    const v = volumeInB({ points: [point(10, { swappedA: '100' }), point(20, { streamedB: '50', streamedA: '10' }), point(5, { swappedB: '999' })] }, 10);
    expect(v.volumeB).toBe(200n + 50n + 20n); // the point before `from` is left out
    expect(v.feesB).toBe(0n); // 0.3% of 270 rounds down
    expect(volumeInB({ points: [point(10, { swappedB: '10000' })] }, 0).feesB).toBe(30n);
  });
  it('scales the window fees to a year over TVL', () => {
    // 30 B of fees in a day on 4000 B of TVL: 30/4000 * 365 = 273.75%
    expect(feeAprBps(30n, 4_000n, 86_400n)).toBe(27_375n);
    expect(feeAprBps(30n, 0n, 86_400n)).toBeNull();
    expect(feeAprBps(30n, 4_000n, 3_599n)).toBeNull(); // under an hour of history: no estimate
    expect(feeAprBps(30n, 4_000n, 3_600n)).toBe(27_375n * 24n);
  });
  it('values a position as its B plus its A at the pool price', () => {
    expect(positionValueInB(10n, 20n, 1_000n, 2_000n)).toBe(40n);
  });
});
