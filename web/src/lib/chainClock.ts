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

/** Chain time now, in milliseconds (bigint so that ticking math stays exact). */
export function chainNowMs(clock: ChainClock, wallNowMs: number): bigint {
  const elapsed = Math.max(0, Math.floor(wallNowMs - clock.observedAtMs));
  return clock.blockTimestamp * 1000n + BigInt(elapsed);
}

/** Chain time now in whole seconds (what the app would use as `t` for an input mined now). */
export function chainNowSeconds(clock: ChainClock, wallNowMs: number): bigint {
  return chainNowMs(clock, wallNowMs) / 1000n;
}
