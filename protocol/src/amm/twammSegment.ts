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
 * Both are evaluated in fixed point with P = 64 + (bits of the largest operand) fractional bits, so the
 * real-valued ends are approximated far below 1 wei (relative error < 2^-60, tested), then rounded UP:
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

export function twammSegment(x0: bigint, y0: bigint, xIn: bigint, yIn: bigint): SegmentResult {
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
  const p = 64 + Math.max(bitLength(x0), bitLength(y0), bitLength(xIn), bitLength(yIn));
  const P = BigInt(p);
  const S = 1n << P;
  const a = isqrt((x0 * yIn) << (2n * P));
  const b = isqrt((y0 * xIn) << (2n * P));
  let z = isqrt(((4n * xIn * yIn) << (2n * P)) / k);
  // e^z beyond e^p changes the ends by less than 2^-(1.44 p): the flows have reached equilibrium.
  const zCap = P * S;
  if (z > zCap) z = zCap;
  const M = expm1Fixed(z, p);
  const u = a * (M + 2n * S) + b * M;
  const v = a * M + b * (M + 2n * S);
  let x = ceilDiv(x0 * b * u, a * v);
  let y = ceilDiv(y0 * a * v, b * u);
  const xMax = x0 + xIn;
  const yMax = y0 + yIn;
  if (x > xMax) {
    x = xMax;
    y = ceilDiv(k, x);
  } else if (y > yMax) {
    y = yMax;
    x = ceilDiv(k, y);
  }
  if (x * y < k) {
    // Only reachable through approximation error far below 1 wei: restore k on the side with room.
    const y2 = ceilDiv(k, x);
    if (y2 <= yMax) y = y2;
    else x = ceilDiv(k, y);
  }
  return { x, y, outX: xMax - x, outY: yMax - y };
}
