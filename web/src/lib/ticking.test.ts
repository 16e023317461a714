import { describe, expect, it } from 'vitest';
import { chainNowMs, chainNowSeconds } from './chainClock.js';
import { tickAt, type LinearValue } from './ticking.js';

const ONE_PER_SECOND_X64 = 1n << 64n;

describe('chain clock', () => {
  it('adds wall time elapsed since the block was seen to the block timestamp', () => {
    const clock = { blockTimestamp: 1_800_000_000n, observedAtMs: 10_000 };
    expect(chainNowMs(clock, 12_500)).toBe(1_800_000_002_500n);
    expect(chainNowSeconds(clock, 12_500)).toBe(1_800_000_002n);
  });
  it('is never behind the wall clock, because an idle automining chain stamps its next block with at least wall time', () => {
    const stale = { blockTimestamp: 1_000n, observedAtMs: 1_000_000 };
    expect(chainNowMs(stale, 1_700_000_000_000)).toBe(1_700_000_000_000n);
  });
  it('never goes back before the observed block when the wall clock is earlier', () => {
    const clock = { blockTimestamp: 100n, observedAtMs: 10_000 };
    expect(chainNowMs(clock, 9_000)).toBe(100_000n);
  });
});

describe('tickAt', () => {
  const stream: LinearValue = { value: 1_000n, at: 100n, rateX64: 10n * ONE_PER_SECOND_X64, validUntil: 200n };

  it('extrapolates at the rate with millisecond precision', () => {
    expect(tickAt(stream, 101_500n)).toBe(1_015n);
  });
  it('does not move before `at`', () => {
    expect(tickAt(stream, 50_000n)).toBe(1_000n);
  });
  it('stops at validUntil because the rate changes after it', () => {
    expect(tickAt(stream, 500_000n)).toBe(2_000n);
  });
  it('ticks down for a negative rate and never below zero', () => {
    const outgoing: LinearValue = { value: 30n, at: 0n, rateX64: -10n * ONE_PER_SECOND_X64, validUntil: null };
    expect(tickAt(outgoing, 2_000n)).toBe(10n);
    expect(tickAt(outgoing, 60_000n)).toBe(0n);
  });
  it('handles fractional rates exactly in bigint', () => {
    // one unit per 3 seconds
    const slow: LinearValue = { value: 0n, at: 0n, rateX64: ONE_PER_SECOND_X64 / 3n, validUntil: null };
    expect(tickAt(slow, 2_999n)).toBe(0n);
    expect(tickAt(slow, 3_001n)).toBe(1n);
  });
});
