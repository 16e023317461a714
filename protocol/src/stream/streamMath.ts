/**
 * Pure arithmetic of one token stream, shared by the back-end (stream records) and the web app (ticking
 * displays). `amount` of a token flows from sender to receiver between `start` and `start + duration`;
 * everything is bigint (wei and unix seconds).
 */
import { X64 } from '../fixedPoint/scales.js';
import type { StreamStatus } from '../inspect.js';

// Rates are scaled by 2^64 on the wire (X64, fixedPoint/scales.ts).

/** The time the stream has paid everything: start + duration. */
export function streamEnd(start: bigint, duration: bigint): bigint {
  return start + duration;
}

/**
 * What an uncanceled stream has paid by time t: 0 before start, `amount` from the end on, otherwise
 * amount * (t - start) / duration rounded down. A duration of 0 is a lump payment at `start`.
 */
export function streamedAt(amount: bigint, start: bigint, duration: bigint, t: bigint): bigint {
  if (t < start) return 0n;
  if (t >= start + duration) return amount;
  return (amount * (t - start)) / duration;
}

/**
 * What the receiver keeps when the sender cancels at `canceledAt` (start <= end, canceledAt < end):
 * amount * elapsed / duration rounded UP. The ledger accrues incoming streams in aggregate at a rate
 * rounded down, so a receiver may already have spent fractions of several streams added together; rounding
 * the kept part up (never more than 1 wei above the rounded-down figure) guarantees that a cancel never
 * takes back value the receiver could already see. The sender gets `amount - keptAtCancel(...)` back.
 */
export function keptAtCancel(amount: bigint, start: bigint, duration: bigint, canceledAt: bigint): bigint {
  if (canceledAt <= start || duration === 0n) return 0n;
  const elapsed = canceledAt - start;
  return (amount * elapsed + duration - 1n) / duration;
}

/** amount * 2^64 / duration rounded down; 0 for an instant transfer (duration 0). */
export function streamRateX64(amount: bigint, duration: bigint): bigint {
  return duration === 0n ? 0n : (amount * X64) / duration;
}

/**
 * Status at time t. A canceled stream shows its uncanceled status before `canceledAt` (reads may look
 * into the past) and `canceled` from then on.
 */
export function streamStatusAt(start: bigint, duration: bigint, canceledAt: bigint | null, t: bigint): StreamStatus {
  if (canceledAt !== null && t >= canceledAt) return 'canceled';
  if (t < start) return 'pending';
  if (t >= start + duration) return 'settled';
  return 'streaming';
}

/** Paid to the receiver by t, honouring a cancel (what it kept) once t >= canceledAt. */
export function streamPaidAt(amount: bigint, start: bigint, duration: bigint, canceledAt: bigint | null, t: bigint): bigint {
  if (canceledAt !== null && t >= canceledAt) return keptAtCancel(amount, start, duration, canceledAt);
  return streamedAt(amount, start, duration, t);
}
