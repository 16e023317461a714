import { describe, expect, it } from 'vitest';
import { streamSeries } from './streamSeries.js';

const base = { amount: 1_000_000n, start: 1_000n, duration: 100n, status: 'streaming' as const, streamed: 0n, canceledAt: null };

describe('streamSeries', () => {
  it('goes from nothing streamed to everything streamed over the stream life, with now inside it', () => {
    const { points, now } = streamSeries(base, 1_050_000n, 6);
    expect(points[0]).toEqual({ t: 1_000, streamed: 0, remaining: 1, streamedBase: 0n, remainingBase: 1_000_000n });
    expect(points.at(-1)).toEqual({ t: 1_100, streamed: 1, remaining: 0, streamedBase: 1_000_000n, remainingBase: 0n });
    expect(points.every((p) => Math.abs(p.streamed + p.remaining - 1) < 1e-12)).toBe(true);
    expect(now).toBe(1_050);
  });

  it('ends a canceled stream at its cancel time with the streamed amount the record froze', () => {
    const { points, now } = streamSeries({ ...base, status: 'canceled', streamed: 250_000n, canceledAt: 1_025n }, 2_000_000n, 6);
    expect(points.at(-1)).toEqual({ t: 1_025, streamed: 0.25, remaining: 0.75, streamedBase: 250_000n, remainingBase: 750_000n });
    expect(now).toBe(1_025);
  });

  it('clamps now to the start of a pending stream', () => {
    expect(streamSeries({ ...base, status: 'pending' }, 500_000n, 6).now).toBe(1_000);
  });
});
