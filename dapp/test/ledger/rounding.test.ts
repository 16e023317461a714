import fc from 'fast-check';
import { MAX_TIME, MAX_UINT256, keptAtCancel } from '@streamswap/protocol';
import { describe, expect, it } from 'vitest';
import { SCALE, rateX96 } from '../../src/ledger/aggregate.js';

describe('rounding of the X96 aggregates', () => {
  it('the value accrued by a stream, rounded up, is exactly what a cancel lets the receiver keep', () => {
    // This is why cancel can pay ceil(amount * elapsed / duration) without ever taking value back:
    // rate * elapsed <= amount * elapsed * 2^96 / duration < (that, rounded up to a whole wei) for every
    // duration below 2^40 seconds.
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: MAX_UINT256 }),
        fc.bigInt({ min: 1n, max: MAX_TIME - 1n }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (amount, duration, f) => {
          const elapsed = BigInt(Math.floor(Number(duration) * f)) % duration;
          const accrued = rateX96(amount, duration) * elapsed;
          const kept = keptAtCancel(amount, 0n, duration, elapsed);
          expect(kept * SCALE).toBeGreaterThanOrEqual(accrued);
          expect((accrued + SCALE - 1n) / SCALE).toBe(kept);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the remainder paid at the end is less than one wei and makes the stream pay exactly its amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_UINT256 }), fc.bigInt({ min: 1n, max: MAX_TIME - 1n }), (amount, duration) => {
        const rate = rateX96(amount, duration);
        const remainder = amount * SCALE - rate * duration;
        expect(remainder >= 0n && remainder < duration).toBe(true);
        expect(rate * duration + remainder).toBe(amount * SCALE);
      }),
    );
  });
});
