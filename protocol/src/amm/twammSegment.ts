import { bitLength, ceilDiv, expm1Fixed, isqrt } from './fixedPoint.js';

/**
 * One TWAMM segment in closed form: between two expiries both sale rates are constant, so over the
 * segment the pool receives xIn of X and yIn of Y continuously (amounts already net of the fee) and
 * trades them against itself on the curve x*y = k (Paradigm TWAMM paper, FrankieIsLost/TWAMM).
 *
 * With a = sqrt(x0*yIn), b = sqrt(y0*xIn), z = 2*sqrt(xIn*yIn/k) and M = e^z - 1 the textbook form
 *   c = (a-b)/(a+b),  x_end = sqrt(k*xIn/yIn) * (e^z + c)/(e^z - c)
 * is rewritten without any subtraction (no cancellation for tiny or lopsided flows):
 *   x_end = x0 * b * (a*(M+2) + b*M) / (a * (a*M + b*(M+2)))
 *   y_end = y0 * a * (b*(M+2) + a*M) / (b * (b*M + a*(M+2)))
 * and evaluated through r = b/a (one square root) as x0 plus a move that is a product of positive terms (see
 * closedFormEnd). They are computed in fixed point with P = max(64, 32 + (bits of the larger input) - unitBits)
 * fractional bits, so the real-valued ends are approximated to far below one whole unit (absolute error
 * < 2^-24 * 2^unitBits units; the AMM passes amounts in 2^-64 wei with unitBits = 64: error < 2^-24 wei,
 * tested against a 400-bit evaluation), then rounded UP:
 * every payout (x0 + xIn - x_end to the Y sellers, y0 + yIn - y_end to the X sellers) is rounded down in
 * the pool's favour and x_end * y_end >= k always holds (enforced, not assumed).
 *
 * With one side zero it is exactly a constant-product swap of the whole segment's input.
 * Because the closed form is the exact solution of the flow, splitting a segment in two and chaining
 * gives the same result up to the integer rounding at the split (pool touches do not change outcomes).
 */
export interface SegmentResult {
  /** Reserves after the segment. */
  x: bigint;
  y: bigint;
  /** X paid out to the sellers of Y, and Y paid out to the sellers of X. */
  outX: bigint;
  outY: bigint;
}

export function twammSegment(x0: bigint, y0: bigint, xIn: bigint, yIn: bigint, unitBits = 0): SegmentResult {
  if (x0 <= 0n || y0 <= 0n) throw new RangeError(`twammSegment needs positive reserves, got ${x0} and ${y0}.`);
  if (xIn < 0n || yIn < 0n) throw new RangeError(`twammSegment needs non-negative inputs, got ${xIn} and ${yIn}.`);
  const k = x0 * y0;
  if (yIn === 0n) {
    const x = x0 + xIn;
    const y = ceilDiv(k, x);
    return { x, y, outX: 0n, outY: y0 - y };
  }
  if (xIn === 0n) {
    const y = y0 + yIn;
    const x = ceilDiv(k, y);
    return { x, y, outX: x0 - x, outY: 0n };
  }
  // Work with r = b/a >= 1 (swap the roles of X and Y if needed) so r keeps full relative precision.
  // The other end follows from x * y = k (rounded up), which keeps k and saves a second evaluation.
  const bx = y0 * xIn;
  const ay = x0 * yIn;
  if (bx < ay) {
    const y = closedFormEnd(y0, x0, yIn, xIn, ay, bx, unitBits);
    return finish(k, x0, y0, xIn, yIn, ceilDiv(k, y), y);
  }
  const x = closedFormEnd(x0, y0, xIn, yIn, bx, ay, unitBits);
  return finish(k, x0, y0, xIn, yIn, x, ceilDiv(k, x));
}

/**
 * x_end rounded up, for y0*xIn >= x0*yIn (called with the roles of X and Y swapped otherwise). With
 * r = b/a = sqrt(y0*xIn / (x0*yIn)) >= 1, z = 2*r*yIn/y0, M = e^z - 1 and v = M + r*(M+2), the closed form
 * x_end = x0 * r * (M+2 + r*M) / v differs from x0 by x0*M*(r^2-1)/v, and r^2 - 1 = D/(x0*yIn) with the exact
 * integer D = y0*xIn - x0*yIn >= 0. With E = M/z = expm1(z)/z >= 1 and z = 2*r*yIn/y0 substituted this is
 *   x_end = x0 + D*E / (y0 + yIn*E*(1+r))   (= x0 + D / (y0/E + yIn*(1+r)) for large z),
 * positive terms only (no cancellation), and the move is at most xIn. So only the move is approximated:
 * relative error ~2^-P of E and r gives an absolute error ~xIn * 2^-P, which is why P follows the width of
 * xIn, not of the reserves (P = max(64, 32 + bits(xIn) - unitBits): error < 2^-24 whole units).
 * `num` = y0*xIn and `den` = x0*yIn are passed in (already computed for the comparison).
 */
function closedFormEnd(x0: bigint, y0: bigint, xIn: bigint, yIn: bigint, num: bigint, den: bigint, unitBits: number): bigint {
  const D = num - den;
  if (D === 0n) return x0 + 1n;
  const bits = bitLength(xIn) + 32 - unitBits;
  const p = bits > 64 ? bits : 64;
  const c = precisionConstants(p);
  const P = c.P;
  const S = c.S;
  const r = isqrt((num << c.twoP) / den);
  const z = (2n * r * yIn) / y0;
  if (z < S) {
    // z < 1: E = sum z^k / (k+1)! directly (E >= 1: full relative precision even for tiny z). The first term
    // ((S * z) >> P) / 2 is z / 2 exactly (S = 2^P), so it is taken without the product.
    let term = z >> 1n;
    let e = S;
    for (let k = 3; term !== 0n; k++) {
      e += term;
      term = ((term * z) >> P) / smallBigInt(k);
    }
    return x0 + (D * e) / ((y0 << P) + ((yIn * e * (S + r)) >> P)) + 1n;
  }
  // z >= 1: 1/E = z / expm1(z) (expm1 has full relative precision here); beyond z = P, 1/E < 2^-P counts as 0
  const invE = z > P * S ? 0n : (z << P) / expm1Fixed(z, p);
  return x0 + (D << P) / (y0 * invE + yIn * (S + r)) + 1n;
}

/** P, 2^P and 2P as bigints for a precision p, computed once per p (they are asked for every segment). */
interface PrecisionConstants {
  P: bigint;
  S: bigint;
  twoP: bigint;
}
const PRECISION: PrecisionConstants[] = [];
function precisionConstants(p: number): PrecisionConstants {
  let c = PRECISION[p];
  if (c === undefined) {
    const P = BigInt(p);
    c = { P, S: 1n << P, twoP: 2n * P };
    PRECISION[p] = c;
  }
  return c;
}

/** BigInt(k) for the Taylor divisors, without a conversion per term. */
const SMALL: bigint[] = Array.from({ length: 256 }, (_, i) => BigInt(i));
const smallBigInt = (k: number): bigint => (k < 256 ? (SMALL[k] as bigint) : BigInt(k));

/**
 * Clamps the ends to what the pool can hold. x * y >= k holds by construction, not by luck: every caller passes
 * one end as ceilDiv(k, other end), and each clamp replaces one end and recomputes the other as ceilDiv(k, it),
 * so no product check is needed (it was a 2x-width multiplication per segment that could never fire).
 */
function finish(k: bigint, x0: bigint, y0: bigint, xIn: bigint, yIn: bigint, xEnd: bigint, yEnd: bigint): SegmentResult {
  let x = xEnd;
  let y = yEnd;
  const xMax = x0 + xIn;
  const yMax = y0 + yIn;
  if (x > xMax) {
    x = xMax;
    y = ceilDiv(k, x);
  } else if (y > yMax) {
    y = yMax;
    x = ceilDiv(k, y);
  }
  return { x, y, outX: xMax - x, outY: yMax - y };
}
