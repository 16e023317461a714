import { describe, expect, it } from 'vitest';
import { DAY } from './durations.js';
import { cancelSplit, canCancelStream, previewStream, progressBps, streamedAt, streamRate, streamStatusAt, type StreamTimes } from './streams.js';

const base: StreamTimes = { amount: 1_000n, start: 100n, duration: 100n, status: 'streaming', streamed: 0n, canceledAt: null };

describe('previewStream', () => {
  it('gives the rate per second, per 30 days and the end date', () => {
    const p = previewStream(3_000_000n * 30n, 1_000n, 30n * DAY);
    expect(p.perSecond).toBe(34n); // 90e6 / 2_592_000 = 34.7 -> 34
    expect(p.perMonth).toBe(90_000_000n);
    expect(p.end).toBe(1_000n + 30n * DAY);
  });
});

describe('streamedAt', () => {
  it('is zero before the start and the whole amount after the end', () => {
    expect(streamedAt(base, 50_000n)).toBe(0n);
    expect(streamedAt(base, 300_000n)).toBe(1_000n);
  });
  it('grows linearly between start and end at millisecond precision', () => {
    expect(streamedAt(base, 150_500n)).toBe(505n);
  });
  it('freezes a canceled stream at what it kept', () => {
    expect(streamedAt({ ...base, status: 'canceled', streamed: 321n, canceledAt: 132n }, 300_000n)).toBe(321n);
  });
});

describe('streamStatusAt', () => {
  it('moves pending -> streaming -> settled with chain time', () => {
    const s = { ...base, status: 'pending' as const };
    expect(streamStatusAt(s, 99_999n)).toBe('pending');
    expect(streamStatusAt(s, 100_000n)).toBe('streaming');
    expect(streamStatusAt(s, 200_000n)).toBe('settled');
  });
  it('lets only the sender cancel, and only before the end', () => {
    expect(canCancelStream(base, 150_000n, true)).toBe(true);
    expect(canCancelStream(base, 150_000n, false)).toBe(false);
    expect(canCancelStream(base, 250_000n, true)).toBe(false);
  });
});

describe('progressBps', () => {
  it('caps at 100%', () => {
    expect(progressBps(1n, 4n)).toBe(2_500);
    expect(progressBps(5n, 4n)).toBe(10_000);
    expect(progressBps(0n, 0n)).toBe(10_000);
  });
});

describe('streamRate and cancelSplit', () => {
  it('gives a one-hour stream a per-minute rate, not a monthly one', () => {
    const r = streamRate(3_600n * 10n ** 18n, 3_600n);
    expect(r.unit.name).toBe('minute');
    expect(r.perUnit).toBe(60n * 10n ** 18n);
  });
  it('splits a cancel into what the receiver keeps and what comes back, adding up to the amount', () => {
    const s = { amount: 1_000n, start: 100n, duration: 100n, status: 'streaming' as const, streamed: 0n, canceledAt: null };
    expect(cancelSplit(s, 130_000n)).toEqual({ receiverKeeps: 300n, senderGetsBack: 700n });
  });
});
