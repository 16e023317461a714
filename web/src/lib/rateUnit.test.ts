import { describe, expect, it } from 'vitest';
import { amountPerUnit, rateUnitFor } from './rateUnit.js';

describe('rateUnitFor', () => {
  it('shows a 5-minute order per minute, not per hour', () => {
    expect(rateUnitFor(300n).name).toBe('minute');
  });
  it('picks the largest unit the duration holds at least five times', () => {
    expect(rateUnitFor(60n).name).toBe('second');
    expect(rateUnitFor(3_600n).name).toBe('minute');
    expect(rateUnitFor(6n * 3_600n).name).toBe('hour');
    expect(rateUnitFor(86_400n).name).toBe('hour');
    expect(rateUnitFor(7n * 86_400n).name).toBe('day');
    expect(rateUnitFor(30n * 86_400n).name).toBe('day');
  });
});

describe('amountPerUnit', () => {
  it('splits evenly and rounds down', () => {
    expect(amountPerUnit(100n, 300n, { name: 'minute', seconds: 60n })).toBe(20n);
    expect(amountPerUnit(10n, 3n, { name: 'second', seconds: 1n })).toBe(3n);
  });
  it('never exceeds the amount', () => {
    expect(amountPerUnit(24n, 600n, { name: 'hour', seconds: 3_600n })).toBe(24n);
    expect(amountPerUnit(24n, 0n, { name: 'hour', seconds: 3_600n })).toBe(24n);
  });
});
