import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  AppError,
  bitLength,
  checkedSwap,
  estimateStreamedSwap,
  expFixed,
  expm1Fixed,
  getAmountIn,
  getAmountOut,
  isqrt,
  quote,
  quoteInstantSwap,
  twammSegment,
} from '@streamswap/protocol';
import { GET_INPUT_PRICE_CASES } from './uniswapV2Vectors.js';

const E18 = 10n ** 18n;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
  return undefined;
}

/** e^z - 1 by the plain Taylor series at a much higher precision (independent of the range reduction). */
function referenceExpm1(zNum: bigint, zDen: bigint, precision: number): bigint {
  const one = 1n << BigInt(precision);
  let term = (one * zNum) / zDen;
  let sum = 0n;
  for (let k = 2n; term !== 0n; k++) {
    sum += term;
    term = (term * zNum) / (zDen * k);
  }
  return sum;
}

describe('isqrt', () => {
  it('returns the exact floor of the square root of any value up to 2^600', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 600n) - 1n }), (n) => {
        const r = isqrt(n);
        expect(r * r <= n).toBe(true);
        expect((r + 1n) * (r + 1n) > n).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it('is exact at perfect squares and their neighbours', () => {
    for (const r of [1n, 2n, 3n, 10n ** 18n, (1n << 128n) - 1n]) {
      expect(isqrt(r * r)).toBe(r);
      expect(isqrt(r * r - 1n)).toBe(r - 1n);
      expect(isqrt(r * r + 2n * r)).toBe(r);
    }
  });
  it('counts bits exactly', () => {
    expect(bitLength(0n)).toBe(0);
    expect(bitLength(1n)).toBe(1);
    expect(bitLength(255n)).toBe(8);
    expect(bitLength(256n)).toBe(9);
    expect(bitLength(1n << 300n)).toBe(301);
  });
  it('counts the bits of any value up to 2^3000 like its binary string', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 3000n) - 1n }), fc.integer({ min: 0, max: 3000 }), (n, k) => {
        expect(bitLength(n)).toBe(n.toString(2).length);
        const p = 1n << BigInt(k);
        expect(bitLength(p)).toBe(k + 1);
        expect(bitLength(p - 1n)).toBe(k);
      }),
      { numRuns: 300 },
    );
  });
});

describe('expm1Fixed', () => {
  it('stays within a relative error of 2^-(P-1) of a high-precision Taylor reference for 0 < z <= 40', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 40n * 1_000_000n }), fc.integer({ min: 64, max: 256 }), (micro, p) => {
        const P = BigInt(p);
        const z = ((micro << P) / 1_000_000n); // z ~ micro / 1e6 at p bits
        if (z === 0n) return;
        const approx = expm1Fixed(z, p);
        // reference at 3p bits for exactly the same z (z / 2^p), scaled back down to p bits
        const ref = referenceExpm1(z, 1n << P, 3 * p) >> BigInt(2 * p);
        const err = approx > ref ? approx - ref : ref - approx;
        // relative bound 2^-(p-1) plus 2 ulp of truncation
        expect(err * (1n << (P - 1n)) <= ref + (2n << (P - 1n))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('keeps full relative precision for tiny arguments (no cancellation)', () => {
    const p = 128;
    const z = 1n << 20n; // 2^-108
    const m = expm1Fixed(z, p);
    // expm1(z) = z + z^2/2 + ..., and z^2/2 is far below one ulp here
    expect(m).toBe(z);
  });
  it('agrees with Math.exp to double precision', () => {
    for (const zf of [1e-9, 0.001, 0.5, 1, 2.5, 10, 30, 200]) {
      const p = 128;
      const z = BigInt(Math.round(zf * 2 ** 40)) << BigInt(p - 40);
      const e = expFixed(z, p);
      const asFloat = Number(e >> BigInt(p - 52)) / 2 ** 52;
      expect(Math.abs(asFloat / Math.exp(Number(z >> BigInt(p - 52)) / 2 ** 52) - 1)).toBeLessThan(1e-12);
    }
  });
});

describe('Uniswap V2 arithmetic', () => {
  for (const [i, [amountIn, r0, r1, expected]] of GET_INPUT_PRICE_CASES.entries()) {
    it(`getInputPrice:${i} pays exactly ${expected} and expected + 1 fails with K`, () => {
      expect(getAmountOut(amountIn, r0, r1)).toBe(expected);
      expect(checkedSwap(amountIn, expected, r0, r1)).toEqual({ reserveIn: r0 + amountIn, reserveOut: r1 - expected });
      expect(codeOf(() => checkedSwap(amountIn, expected + 1n, r0, r1))).toBe('K');
    });
  }
  it('uses the 0.3% fee (997/1000), not 3% (prototype bug 4)', () => {
    // a tiny trade against a deep pool pays 99.7% of its value, not 97%
    expect(getAmountOut(10n ** 6n, 10n ** 30n, 10n ** 30n)).toBe(997_000n - 1n);
    expect(quoteInstantSwap(1000n, 10n ** 30n, 10n ** 30n).fee).toBe(3n);
  });
  it('getAmountIn rounds up and is the inverse boundary of getAmountOut', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1000n, max: 10n ** 30n }), fc.bigInt({ min: 1000n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 30n }), (rIn, rOut, out) => {
        fc.pre(out < rOut);
        const amountIn = getAmountIn(out, rIn, rOut);
        expect(getAmountOut(amountIn, rIn, rOut) >= out).toBe(true);
        checkedSwap(amountIn, out, rIn, rOut);
      }),
    );
  });
  it('maps the library reverts to protocol error codes', () => {
    expect(codeOf(() => getAmountOut(0n, 1n, 1n))).toBe('INSUFFICIENT_INPUT_AMOUNT');
    expect(codeOf(() => getAmountOut(1n, 0n, 1n))).toBe('INSUFFICIENT_LIQUIDITY');
    expect(codeOf(() => getAmountIn(0n, 1n, 1n))).toBe('INSUFFICIENT_OUTPUT_AMOUNT');
    expect(codeOf(() => getAmountIn(5n, 10n, 5n))).toBe('INSUFFICIENT_LIQUIDITY');
    expect(codeOf(() => quote(0n, 1n, 1n))).toBe('INSUFFICIENT_INPUT_AMOUNT');
    expect(codeOf(() => quote(1n, 0n, 1n))).toBe('INSUFFICIENT_LIQUIDITY');
    expect(quote(3n, 2n, 5n)).toBe(7n);
  });
  it('quotes the price impact of the whole amount of an instant swap', () => {
    const q = quoteInstantSwap(10n * E18, 1000n * E18, 1000n * E18);
    expect(q.amountOut).toBe(getAmountOut(10n * E18, 1000n * E18, 1000n * E18));
    expect(q.priceImpactBps).toBe(98); // 9.97 / 1009.97
  });
});

/** The real-valued closed form in floats, for comparison only. */
function floatSegment(x0: number, y0: number, xIn: number, yIn: number): { x: number; y: number } {
  const k = x0 * y0;
  const a = Math.sqrt(x0 * yIn);
  const b = Math.sqrt(y0 * xIn);
  const c = (a - b) / (a + b);
  const e = Math.exp(2 * Math.sqrt((xIn * yIn) / k));
  const x = (Math.sqrt((k * xIn) / yIn) * (e + c)) / (e - c);
  return { x, y: k / x };
}

const amount = (min: bigint, max: bigint) => fc.bigInt({ min, max });

describe('twammSegment (closed form between expiries)', () => {
  it('rounds the exact ends up (vectors computed with 120-digit decimals)', () => {
    // python Decimal, prec 120, textbook formula: x = 2907009184.907..., y = 343996161137641531974.84...
    expect(twammSegment(10n ** 15n, 10n ** 15n, 10n ** 12n, 118333358877434238205953n)).toMatchObject({ x: 2907009185n, y: 343996161137641531975n });
    // x = 1375673230568.526..., y = 726916812640693896612027.98...
    expect(twammSegment(10n ** 18n, 10n ** 18n, 20000000000n, 730452232904961854542556n)).toMatchObject({ x: 1375673230569n, y: 726916812640693896612028n });
  });
  it('matches the textbook float formula to 1e-9 relative where floats are accurate', () => {
    fc.assert(
      fc.property(amount(10n ** 15n, 10n ** 24n), amount(10n ** 15n, 10n ** 24n), amount(1n, 10_000n), amount(1n, 10_000n), (x0, y0, xMilli, yMilli) => {
        const xIn = (x0 * xMilli) / 1000n + 1n;
        const yIn = (y0 * yMilli) / 1000n + 1n;
        const r = twammSegment(x0, y0, xIn, yIn);
        const f = floatSegment(Number(x0), Number(y0), Number(xIn), Number(yIn));
        expect(Math.abs(Number(r.x) / f.x - 1)).toBeLessThan(1e-9);
        expect(Math.abs(Number(r.y) / f.y - 1)).toBeLessThan(1e-9);
      }),
      { numRuns: 300 },
    );
  });
  it('never decreases k and never pays more than the pool holds', () => {
    fc.assert(
      fc.property(amount(1n, 10n ** 30n), amount(1n, 10n ** 30n), amount(0n, 10n ** 30n), amount(0n, 10n ** 30n), (x0, y0, xIn, yIn) => {
        const r = twammSegment(x0, y0, xIn, yIn);
        expect(r.x * r.y >= x0 * y0).toBe(true);
        expect(r.outX >= 0n && r.outY >= 0n).toBe(true);
        expect(r.x + r.outX).toBe(x0 + xIn);
        expect(r.y + r.outY).toBe(y0 + yIn);
      }),
      { numRuns: 500 },
    );
  });
  it('is an ordinary constant-product swap when one side is zero', () => {
    fc.assert(
      fc.property(amount(1n, 10n ** 30n), amount(1n, 10n ** 30n), amount(1n, 10n ** 30n), (x0, y0, xIn) => {
        expect(twammSegment(x0, y0, xIn, 0n).outY).toBe((y0 * xIn) / (x0 + xIn));
        expect(twammSegment(x0, y0, 0n, xIn).outX).toBe((x0 * xIn) / (y0 + xIn));
      }),
    );
  });
  it('leaves the price unchanged when equal flows meet a balanced pool', () => {
    const r = twammSegment(10n ** 24n, 10n ** 24n, 5n * 10n ** 23n, 5n * 10n ** 23n);
    expect(r.x - 10n ** 24n).toBeLessThanOrEqual(1n);
    expect(r.y - 10n ** 24n).toBeLessThanOrEqual(1n);
  });
  it('stays within 2^-24 wei of a 400-bit evaluation of the textbook form (amounts in 2^-64 wei)', () => {
    // reference: x_end = x0 * r * (M+2 + r*M) / (M + r*(M+2)) at 400 fractional bits, r = sqrt(y0 xIn / (x0 yIn))
    const P = 400n;
    const S = 1n << P;
    const endOf = (x0: bigint, y0: bigint, xIn: bigint, yIn: bigint) => {
      const r = isqrt(((y0 * xIn) << (2n * P)) / (x0 * yIn));
      let z = (2n * r * yIn) / y0;
      if (z > 600n * S) z = 600n * S;
      const M = expm1Fixed(z, 400);
      const u = M + 2n * S + ((r * M) >> P);
      const v = M + ((r * (M + 2n * S)) >> P);
      return (x0 * r * u) / (v * S);
    };
    const X64 = 1n << 64n;
    const bound = 1n << 40n; // 2^-24 wei in 2^-64 wei units
    fc.assert(
      fc.property(amount(10n ** 6n, 10n ** 30n), amount(10n ** 6n, 10n ** 30n), amount(1n, 10n ** 30n), amount(1n, 10n ** 30n), amount(0n, X64 - 1n), (x0w, y0w, xInw, yInw, frac) => {
        const [x0, y0, xIn, yIn] = [x0w * X64 + frac, y0w * X64, xInw * X64 + frac, yInw * X64];
        const seg = twammSegment(x0, y0, xIn, yIn, 64);
        if (y0 * xIn >= x0 * yIn) {
          const ref = endOf(x0, y0, xIn, yIn);
          if (ref < x0 + xIn) expect(seg.x - ref >= -bound && seg.x - ref <= bound).toBe(true);
        } else {
          const ref = endOf(y0, x0, yIn, xIn);
          if (ref < y0 + yIn) expect(seg.y - ref >= -bound && seg.y - ref <= bound).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('gives the same result split in two segments within a few wei (path independence)', () => {
    fc.assert(
      fc.property(amount(10n ** 18n, 10n ** 24n), amount(10n ** 18n, 10n ** 24n), amount(10n ** 10n, 10n ** 24n), amount(10n ** 10n, 10n ** 24n), (x0, y0, xIn2, yIn2) => {
        const xIn = xIn2 * 2n;
        const yIn = yIn2 * 2n;
        const whole = twammSegment(x0, y0, xIn, yIn);
        const h1 = twammSegment(x0, y0, xIn2, yIn2);
        const h2 = twammSegment(h1.x, h1.y, xIn2, yIn2);
        // a few wei, plus one wei of the other token at the price (rounding the other end up at the split)
        const tolX = 4n + (2n * whole.x) / whole.y;
        const tolY = 4n + (2n * whole.y) / whole.x;
        expect(h2.x - whole.x <= tolX && whole.x - h2.x <= tolX).toBe(true);
        expect(h2.y - whole.y <= tolY && whole.y - h2.y <= tolY).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it('estimates a lone streamed order without fee as exactly one instant swap of the same total', () => {
    const est = estimateStreamedSwap({ reserveIn: 10n ** 24n, reserveOut: 2n * 10n ** 24n, saleRateInX64: 0n, saleRateOutX64: 0n, amountIn: 10n ** 22n, duration: 3600n, fee: false });
    expect(est.amountOut).toBe((2n * 10n ** 24n * 10n ** 22n) / (10n ** 24n + 10n ** 22n));
  });
});
