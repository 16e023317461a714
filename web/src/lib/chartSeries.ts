import type { HistoryView } from '@streamswap/protocol';
import { formatUnits } from 'viem';
import { priceScaled } from './liquidity.js';

/** Chart ranges in seconds; `all` starts at 0. */
export const CHART_RANGES = { '1h': 3_600n, '1d': 86_400n, '1w': 604_800n, all: 0n } as const;
export type ChartRange = keyof typeof CHART_RANGES;

export interface ChartPoint {
  t: number;
  price: number;
  reserveA: number;
  reserveB: number;
  streamedA: number;
  streamedB: number;
}

/**
 * History points to chart rows. This is the one place amounts become JS numbers: recharts draws
 * numbers, and a pixel does not need wei precision. Exact values stay bigint everywhere else.
 */
export function toChartPoints(history: HistoryView, decimalsA: number, decimalsB: number): ChartPoint[] {
  return history.points.map((p) => {
    const reserveA = BigInt(p.reserveA);
    const reserveB = BigInt(p.reserveB);
    return {
      t: p.t,
      price: Number(formatUnits(priceScaled(reserveA, reserveB, decimalsA, decimalsB), 18)),
      reserveA: Number(formatUnits(reserveA, decimalsA)),
      reserveB: Number(formatUnits(reserveB, decimalsB)),
      streamedA: Number(formatUnits(BigInt(p.streamedA), decimalsA)),
      streamedB: Number(formatUnits(BigInt(p.streamedB), decimalsB)),
    };
  });
}

/** `from` of a history query for a range ending at `now`. */
export function rangeFrom(range: ChartRange, now: bigint): bigint {
  const span = CHART_RANGES[range];
  return span === 0n || span > now ? 0n : now - span;
}
