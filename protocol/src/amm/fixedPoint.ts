/**
 * Fixed-point bigint arithmetic for the TWAMM closed form. Deterministic by construction: integer
 * operations only (ECMAScript does not pin down Math.exp, and floats lose wei).
 *
 * A fixed-point number with P fractional bits is the bigint `v` standing for v / 2^P.
 */

/** Number of bits of a non-negative bigint (0 for 0). */
export function bitLength(n: bigint): number {
  if (n < 0n) throw new RangeError(`bitLength of the negative value ${n}.`);
  if (n === 0n) return 0;
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0] as string, 16)));
}

/** floor(sqrt(n)) exactly (Newton's method from above, which decreases monotonically to the floor). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError(`sqrt of the negative value ${n}.`);
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) + 1) >> 1); // >= sqrt(n)
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** ceil(a / b) for a >= 0, b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return a === 0n ? 0n : (a - 1n) / b + 1n;
}

const GUARD_BITS = 64;

/**
 * expm1(z) = e^z - 1 for z >= 0, both with `precision` fractional bits.
 *
 * Method: w = z / 2^m with w < 2^-8, Taylor series of expm1(w) to full precision, then m doublings
 * expm1(2w) = expm1(w) * (expm1(w) + 2), all at precision + 64 guard bits. Unlike exp(z) - 1 this has no
 * cancellation for small z. Error bound (tested): relative error below 2^-(precision - 1) for
 * 0 < z <= 1024 (each doubling at most doubles the relative error of the guard-bit result; m <= 19 there),
 * plus one unit in the last place from the final truncation.
 */
export function expm1Fixed(z: bigint, precision: number): bigint {
  if (z < 0n) throw new RangeError(`expm1Fixed expects z >= 0, got ${z}.`);
  if (z === 0n) return 0n;
  const q = precision + GUARD_BITS;
  const Q = BigInt(q);
  const one = 1n << Q;
  let w = z << BigInt(GUARD_BITS);
  let m = 0;
  const bl = bitLength(w);
  if (bl > q - 8) {
    m = bl - (q - 8);
    w >>= BigInt(m);
  }
  let sum = 0n;
  let term = w;
  for (let k = 2n; term !== 0n; k++) {
    sum += term;
    term = (term * w) / (one * k);
  }
  const two = one << 1n;
  for (let i = 0; i < m; i++) sum = (sum * (sum + two)) >> Q;
  return sum >> BigInt(GUARD_BITS);
}

/** e^z for z >= 0 with `precision` fractional bits (same error bound as expm1Fixed). */
export function expFixed(z: bigint, precision: number): bigint {
  return expm1Fixed(z, precision) + (1n << BigInt(precision));
}
