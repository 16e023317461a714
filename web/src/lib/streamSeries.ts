import { formatUnits } from 'viem';
import { streamedAt, type StreamTimes } from './streams.js';

export interface StreamPoint {
  /** unix seconds */
  t: number;
  streamed: number;
  remaining: number;
  /** the same figures exact, in base units, for tooltips */
  streamedBase: bigint;
  remainingBase: bigint;
}

/** Samples along a stream's life: enough for a smooth tooltip, few enough to draw instantly. */
const SAMPLES = 24n;

/**
 * A stream's streamed vs remaining amounts over its life (start to end, or to the cancel time),
 * sampled with the ledger's own linear schedule in bigint and turned into numbers only for drawing.
 * `now` is chain time clamped into the life, for the chart's "now" marker.
 */
export function streamSeries(s: StreamTimes, nowMs: bigint, decimals: number): { points: StreamPoint[]; now: number } {
  const start = s.start;
  const end = s.status === 'canceled' && s.canceledAt !== null ? s.canceledAt : s.start + s.duration;
  const span = end > start ? end - start : 0n;
  const points: StreamPoint[] = [];
  for (let i = 0n; i <= SAMPLES; i++) {
    const t = start + (span * i) / SAMPLES;
    // past the cancel time the record freezes: sample with the live schedule up to it
    const live = { ...s, status: s.status === 'canceled' ? ('streaming' as const) : s.status, streamed: 0n };
    const streamed = s.status === 'canceled' && t >= end ? s.streamed : streamedAt(live, t * 1000n);
    const remaining = s.amount - streamed;
    points.push({ t: Number(t), streamed: Number(formatUnits(streamed, decimals)), remaining: Number(formatUnits(remaining, decimals)), streamedBase: streamed, remainingBase: remaining });
    if (span === 0n) break;
  }
  const nowS = nowMs / 1000n;
  const now = Number(nowS < start ? start : nowS > end ? end : nowS);
  return { points, now };
}
