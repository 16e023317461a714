/**
 * Chain time, not the laptop's clock: the app's balances move with block timestamps, and a dev
 * chain can be far ahead of the wall clock (evm_increaseTime). We anchor on the latest block's
 * timestamp and add the wall time elapsed since we observed it.
 */
export interface ChainClock {
  /** Timestamp of the latest block we saw, unix seconds. */
  blockTimestamp: bigint;
  /** performance/Date milliseconds when we saw it. */
  observedAtMs: number;
}

/**
 * Chain time now, in milliseconds (bigint so that ticking math stays exact). Never earlier than the
 * wall clock: an automining anvil (no --block-time) can sit on a block minutes old, yet it stamps
 * the next block with at least the wall time (plus any evm_increaseTime offset, which the block shows).
 */
export function chainNowMs(clock: ChainClock, wallNowMs: number): bigint {
  const elapsed = Math.max(0, Math.floor(wallNowMs - clock.observedAtMs));
  const extrapolated = clock.blockTimestamp * 1000n + BigInt(elapsed);
  const wall = BigInt(Math.floor(wallNowMs));
  return extrapolated > wall ? extrapolated : wall;
}

/** Chain time now in whole seconds (what the app would use as `t` for an input mined now). */
export function chainNowSeconds(clock: ChainClock, wallNowMs: number): bigint {
  return chainNowMs(clock, wallNowMs) / 1000n;
}
