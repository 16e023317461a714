import { describe, expect, it } from 'vitest';
import { keptAtCancel, streamPaidAt, streamRateX64, streamStatusAt, streamedAt } from './streamMath.js';

describe('stream arithmetic', () => {
  it('pays nothing before the start, everything from the end, rounded down in between', () => {
    expect([9n, 10n, 11n, 12n, 13n, 14n].map((t) => streamedAt(10n, 10n, 3n, t))).toEqual([0n, 0n, 3n, 6n, 10n, 10n]);
  });

  it('treats duration 0 as a lump payment at the start', () => {
    expect(streamedAt(5n, 10n, 0n, 9n)).toBe(0n);
    expect(streamedAt(5n, 10n, 0n, 10n)).toBe(5n);
    expect(streamRateX64(5n, 0n)).toBe(0n);
  });

  it('lets the receiver keep the streamed part rounded up at a cancel', () => {
    expect(keptAtCancel(10n, 10n, 3n, 11n)).toBe(4n);
    expect(keptAtCancel(9n, 10n, 3n, 11n)).toBe(3n);
    expect(keptAtCancel(9n, 10n, 3n, 9n)).toBe(0n);
    expect(streamPaidAt(10n, 10n, 3n, 11n, 12n)).toBe(4n);
    expect(streamPaidAt(10n, 10n, 3n, 11n, 10n)).toBe(0n);
  });

  it('derives the status from the times and the cancel', () => {
    expect([9n, 10n, 12n, 13n].map((t) => streamStatusAt(10n, 3n, null, t))).toEqual(['pending', 'streaming', 'streaming', 'settled']);
    expect([10n, 11n, 20n].map((t) => streamStatusAt(10n, 3n, 11n, t))).toEqual(['streaming', 'canceled', 'canceled']);
  });

  it('scales rates by 2^64', () => {
    expect(streamRateX64(100n, 4n)).toBe(25n << 64n);
  });
});
