/**
 * Every fixed-point scale of streamswap, in one place: what each scale is for, why it has that many bits,
 * and the conversions between it and whole wei. A value "xN" / "XN" is the bigint v standing for v / 2^N.
 * Pure bigint; nothing else in the repo defines these constants (tests keep their own literals as oracles).
 *
 * | scale            | bits | holds                                                                  |
 * | ---------------- | ---- | ---------------------------------------------------------------------- |
 * | X64 (rates)      | 64   | per-second rates on the wire and in the AMM, limit prices               |
 * | 2^-64 wei (pool) | 64   | AMM pool-side amounts: reserves, fees, flows, unsold input, owed        |
 * | X96 (ledger)     | 96   | ledger aggregates: available, locked, stream rates                      |
 * | EF (x2^192)      | 192  | the AMM's earnings-per-unit-of-rate accumulator                         |
 */

/**
 * Rates per second and prices, scaled by 2^64 (`...X64`): a stream's or order's rate is amount * 2^64 / duration,
 * a limit price is tokenOut wei per tokenIn wei x2^64. Durations are below 2^40 s, so 1 wei over the longest
 * duration still has a rate >= 2^24: no order or stream is too small, and rate x seconds is exact in 2^-64 wei
 * (which is why the pool unit below is the same 2^64). A client ticks `value + (now - at) * rateX64 >> 64`.
 */
export const X64_BITS = 64n;
export const X64 = 1n << X64_BITS;

/**
 * The AMM keeps pool-side amounts (reserves, pending fees, cumulative flows, unsold input, owed proceeds) in
 * units of 2^-64 wei: an X64 rate times whole seconds is an exact flow there, so the curve never rounds to whole
 * wei between segments and how often a pool is touched does not change results. Whole wei appear only where
 * value enters or leaves the ledger (the four buckets of a token always add up to whole wei).
 */
export const POOL_UNIT_BITS = X64_BITS;

/** Whole wei as pool units (exact). */
export function weiToPoolUnits(wei: bigint): bigint {
  return wei << POOL_UNIT_BITS;
}

/** Pool units to whole wei, rounded down (payouts: dust stays on the pool side). */
export function poolUnitsToWei(units: bigint): bigint {
  return units >> POOL_UNIT_BITS;
}

/** Pool units to whole wei, rounded up (an input reserve seen by an instant swap, never in the trader's favour). */
export function poolUnitsToWeiCeil(units: bigint): bigint {
  return (units + X64 - 1n) >> POOL_UNIT_BITS;
}

/**
 * Ledger aggregates (available, locked, in and out rates) are scaled by 2^96. A stream's rate is
 * amount * 2^96 / duration rounded down; its remainder (below one wei) is paid at its end. 96 bits, not 64, make
 * the accrued value of any stream of up to 2^40 s round up to exactly ceil(amount * elapsed / duration), which is
 * what a cancel lets the receiver keep.
 */
export const X96_BITS = 96n;
export const X96 = 1n << X96_BITS;

/** A ledger rate (X96 per second) as the X64 rate clients see, rounded down (toward -infinity for net rates). */
export function x96ToX64(rateX96: bigint): bigint {
  return rateX96 >> (X96_BITS - X64_BITS);
}

/**
 * The AMM's earnings-per-unit-of-rate accumulator EF of a sell direction (Paradigm TWAMM): each segment adds
 * out * 2^128 / rate, with out in 2^-64 wei and rate in X64, so an order's proceeds are rate * dEF / 2^192 whole
 * wei. Each segment's division rounds EF down by less than one unit, so an order of rate r (X64) loses less
 * than r * (segments crossed) / 2^192 wei: below one wei whenever r * segments < 2^192.
 */
export const EF_BITS = 192n;

/** Bits EF gains per segment beyond out(2^-64 wei) / rate(X64): EF_BITS minus the two 2^64 scales. */
export const EF_GAIN_BITS = EF_BITS - POOL_UNIT_BITS;

/** Whole wei from rate (X64) x EF difference (x2^192), rounded down. */
export function efToWei(rateTimesEf: bigint): bigint {
  return rateTimesEf >> EF_BITS;
}
