import { RATE_SCALE_BITS } from '@streamswap/protocol';

/** A value that changes linearly at `rateX64` per second from `at` until `validUntil`. */
export interface LinearValue {
  value: bigint;
  /** unix seconds of `value` */
  at: bigint;
  /** change per second scaled by 2^64 (may be negative) */
  rateX64: bigint;
  /** after this time the rate changes: stop extrapolating (null = never) */
  validUntil: bigint | null;
}

const MS_X64 = 1000n << RATE_SCALE_BITS;

/**
 * The value at chain time `nowMs` (milliseconds): `value + (now - at) * rate`, in bigint.
 * Clamped to [at, validUntil] because past validUntil the rate is no longer known, and never below 0.
 */
export function tickAt(linear: LinearValue, nowMs: bigint): bigint {
  let t = nowMs;
  const startMs = linear.at * 1000n;
  if (t < startMs) t = startMs;
  if (linear.validUntil !== null && t > linear.validUntil * 1000n) t = linear.validUntil * 1000n;
  const delta = ((t - startMs) * linear.rateX64) / MS_X64;
  const result = linear.value + delta;
  return result < 0n ? 0n : result;
}

/** Whole units per second (rounded toward zero) of a 2^64-scaled rate, for previews and digit choice. */
export function ratePerSecond(rateX64: bigint): bigint {
  return rateX64 / (1n << RATE_SCALE_BITS);
}

/** Parses the decimal strings of the wire into a LinearValue. */
export function linearFromWire(value: string, at: number, rateX64: string, validUntil: number | null): LinearValue {
  return { value: BigInt(value), at: BigInt(at), rateX64: BigInt(rateX64), validUntil: validUntil === null ? null : BigInt(validUntil) };
}
