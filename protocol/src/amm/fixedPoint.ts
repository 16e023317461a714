/**
 * Fixed-point bigint arithmetic for the TWAMM closed form. Deterministic by construction: integer
 * operations only (ECMAScript does not pin down Math.exp, and floats lose wei).
 *
 * A fixed-point number with P fractional bits is the bigint `v` standing for v / 2^P.
 */


/** 2^i for i <= 1024: thresholds for bitLength (comparisons allocate nothing, shifts do). */
const POW2: bigint[] = Array.from({ length: 1025 }, (_, i) => 1n << BigInt(i));
/** BigInt(i) for i <= 1024: shift amounts without a conversion each time. */
const SHIFT: bigint[] = Array.from({ length: 1025 }, (_, i) => BigInt(i));
const shiftOf = (i: number): bigint => (i <= 1024 ? (SHIFT[i] as bigint) : BigInt(i));
/** 2^i as a double for i <= 64, built by exact doublings (no Math.pow, which ECMAScript does not pin down). */
const POW2_DOUBLE: number[] = [1];
for (let i = 1; i <= 64; i++) POW2_DOUBLE.push((POW2_DOUBLE[i - 1] as number) * 2);
/** 1 + 2^-45 as a double (exact). */
const UP_2_45 = 1 + 1 / (POW2_DOUBLE[45] as number);

/** Number of bits of a non-negative bigint (0 for 0). Integer operations only: comparisons, one shift, then clz32. */
export function bitLength(n: bigint): number {
  if (n < 0n) throw new RangeError(`bitLength of the negative value ${n}.`);
  let bits = 0;
  let v = n;
  while (v >= POW2[1024]!) {
    v >>= 1024n;
    bits += 1024;
  }
  let lo = 0;
  if (v >= POW2[512]!) lo = 512;
  if (v >= POW2[lo + 256]!) lo += 256;
  if (v >= POW2[lo + 128]!) lo += 128;
  if (v >= POW2[lo + 64]!) lo += 64;
  if (v >= POW2[lo + 32]!) lo += 32;
  if (lo > 0) v >>= shiftOf(lo);
  return bits + lo + 32 - Math.clz32(Number(v));
}

/**
 * floor(sqrt(n)) exactly. The start comes from the square root of the top <= 104 bits computed with double
 * Newton steps (only +, /, * of IEEE doubles, which ECMAScript specifies exactly: deterministic, no Math.sqrt),
 * good to ~2^-50 relative, nudged above the root; bigint Newton from above then needs about two divisions for a
 * 256-bit n. It decreases monotonically to the floor whatever the quality of the start, so the result is exact.
 */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError(`sqrt of the negative value ${n}.`);
  if (n < 2n) return n;
  const bits = bitLength(n);
  let shift = bits > 104 ? bits - 104 : 0;
  shift += shift & 1;
  const top = shift === 0 ? n : n >> shiftOf(shift);
  const d = Number(top);
  // top has bits - shift (<= 104) bits, so 2^ceil(that / 2) >= sqrt(d); the double is exact (a power of two)
  let f = POW2_DOUBLE[(bits - shift + 1) >> 1] as number;
  for (let i = 0; i < 64; i++) {
    const g = (f + d / f) * 0.5;
    if (g >= f) break;
    f = g;
  }
  // above the root: the double estimate is within ~2^-50 relative, raised by 2^-45 relative and one unit in
  // double arithmetic (exact IEEE operations) before the one conversion and shift (the start only has to be
  // above the root: the result is the exact floor whatever it is)
  const above = f * UP_2_45;
  let x = BigInt(above - (above % 1) + 1) << shiftOf(shift >> 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    // every Newton step from above stays >= floor(sqrt(n)), so y*y <= n means y is the floor: a product
    // instead of one more division to confirm
    if (y * y <= n) return y;
    x = y;
  }
}

/** ceil(a / b) for a >= 0, b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return a === 0n ? 0n : (a - 1n) / b + 1n;
}

/**
 * expm1(z) = e^z - 1 for z >= 0, both with `precision` fractional bits.
 *
 * Method: w = z / 2^m with w < 2^-12, Taylor series of expm1(w) to full precision, then m doublings
 * expm1(2w) = expm1(w) * (expm1(w) + 2), all at precision + 16 + m guard bits. Unlike exp(z) - 1 this has no
 * cancellation for small z. Error bound: relative error below 2^-(precision - 1) plus 2 units in the last
 * place, tested against an independent high-precision Taylor sum for 0 < z <= 40 and 64 <= precision <= 256
 * (each doubling at most doubles the relative error of the guard-bit result, so m + 16 guard bits leave the
 * Taylor error 2^-16 below the last place after m doublings; small z, the usual TWAMM segment, need no doubling
 * and only 16 guard bits). twammSegment caps z at the precision p.
 */
export function expm1Fixed(z: bigint, precision: number): bigint {
  if (z < 0n) throw new RangeError(`expm1Fixed expects z >= 0, got ${z}.`);
  if (z === 0n) return 0n;
  const m = Math.max(0, bitLength(z) - (precision - 12));
  const guard = 16 + m;
  const Q = BigInt(precision + guard);
  const one = 1n << Q;
  const w = (z << BigInt(guard)) >> BigInt(m);
  let sum = 0n;
  let term = w;
  for (let k = 2n; term !== 0n; k++) {
    sum += term;
    term = ((term * w) >> Q) / k;
  }
  const two = one << 1n;
  for (let i = 0; i < m; i++) sum = (sum * (sum + two)) >> Q;
  return sum >> BigInt(guard);
}

/** e^z for z >= 0 with `precision` fractional bits (same error bound as expm1Fixed). */
export function expFixed(z: bigint, precision: number): bigint {
  return expm1Fixed(z, precision) + (1n << BigInt(precision));
}
