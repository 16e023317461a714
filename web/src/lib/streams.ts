import type { StreamStatus } from '@streamswap/protocol';
import { MONTH } from './durations.js';
import { amountPerUnit, rateUnitFor, type RateUnit } from './rateUnit.js';

export interface StreamPreview {
  /** base units per second, rounded toward zero */
  perSecond: bigint;
  /** base units per 30 days at that rate (capped by nothing: a rate, not a total) */
  perMonth: bigint;
  /** unix seconds */
  end: bigint;
  /** the rate in the unit that fits the duration (per minute for an hour-long stream), base units per unit */
  rate: StreamRate;
}

export interface StreamRate {
  unit: RateUnit;
  /** base units per unit, rounded toward zero */
  perUnit: bigint;
}

/** A stream's rate in the unit that reads best for its length (the same rule as DCA orders). */
export function streamRate(amount: bigint, duration: bigint): StreamRate {
  const unit = rateUnitFor(duration);
  return { unit, perUnit: amountPerUnit(amount, duration, unit) };
}

/** What the create form shows before the user signs: the stream's rate and end. */
export function previewStream(amount: bigint, start: bigint, duration: bigint): StreamPreview {
  const rate = streamRate(amount, duration);
  if (duration <= 0n) return { perSecond: amount, perMonth: amount, end: start, rate };
  return { perSecond: amount / duration, perMonth: (amount * MONTH) / duration, end: start + duration, rate };
}

export interface StreamTimes {
  amount: bigint;
  start: bigint;
  duration: bigint;
  status: StreamStatus;
  /** what the record says was streamed at `at` (frozen for canceled streams) */
  streamed: bigint;
  canceledAt: bigint | null;
}

/** Streamed amount at chain time nowMs, the same linear schedule the ledger uses (amount * elapsed / duration). */
export function streamedAt(s: StreamTimes, nowMs: bigint): bigint {
  if (s.status === 'canceled') return s.streamed;
  if (s.duration === 0n) return s.amount;
  const startMs = s.start * 1000n;
  if (nowMs <= startMs) return 0n;
  const durationMs = s.duration * 1000n;
  if (nowMs >= startMs + durationMs) return s.amount;
  const linear = (s.amount * (nowMs - startMs)) / durationMs;
  // never show less than the app already reported
  return linear > s.streamed ? linear : s.streamed;
}

/** Status at chain time now: a record fetched as pending may already be streaming or settled. */
export function streamStatusAt(s: StreamTimes, nowMs: bigint): StreamStatus {
  if (s.status === 'canceled') return 'canceled';
  const startMs = s.start * 1000n;
  if (nowMs < startMs) return 'pending';
  if (nowMs >= startMs + s.duration * 1000n) return 'settled';
  return 'streaming';
}

/** Progress in basis points (0..10000) of the streamed share of the amount. */
export function progressBps(done: bigint, total: bigint): number {
  if (total <= 0n) return 10_000;
  const bps = (done * 10_000n) / total;
  return Number(bps > 10_000n ? 10_000n : bps);
}

/** The sender can cancel while something is still to be paid. */
export function canCancelStream(s: StreamTimes, nowMs: bigint, isSender: boolean): boolean {
  const status = streamStatusAt(s, nowMs);
  return isSender && (status === 'pending' || status === 'streaming');
}

/** What a cancel would leave each side if it ran at chain time nowMs: the receiver keeps what was streamed. */
export function cancelSplit(s: StreamTimes, nowMs: bigint): { receiverKeeps: bigint; senderGetsBack: bigint } {
  const receiverKeeps = streamedAt(s, nowMs);
  return { receiverKeeps, senderGetsBack: s.amount - receiverKeeps };
}
