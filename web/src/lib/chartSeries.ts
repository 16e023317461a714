import type { HistoryView } from '@streamswap/protocol';
import { formatUnits } from 'viem';
import { priceScaled } from './liquidity.js';

/** Chart ranges in seconds; `all` starts at 0. */
export const CHART_RANGES = { '1h': 3_600n, '1d': 86_400n, '1w': 604_800n, all: 0n } as const;
export type ChartRange = keyof typeof CHART_RANGES;

/** Exact values of a chart row, for tooltips (the formatter takes bigints, never the drawn floats). */
export interface ChartRaw {
  /** B per whole A, scaled by 10^18 */
  price: bigint;
  reserveA: bigint;
  reserveB: bigint;
  /** A and B sold into the pool since the previous point (DCA flows and instant swaps) */
  flowA: bigint;
  flowB: bigint;
}

export interface ChartPoint {
  /** unix seconds, on a number axis: gaps in time stay gaps on screen */
  t: number;
  price: number;
  reserveA: number;
  reserveB: number;
  streamedA: number;
  streamedB: number;
  raw: ChartRaw;
}

/**
 * History points to chart rows. This is the one place amounts become JS numbers: recharts draws
 * numbers, and a pixel does not need wei precision. Exact values ride along in `raw` for tooltips.
 * With `until`, a last row at that time carries the last state (no flow) so steps reach "now".
 */
export function toChartPoints(history: Pick<HistoryView, 'points'>, decimalsA: number, decimalsB: number, until?: number): ChartPoint[] {
  const rows = history.points.map((p) => {
    const reserveA = BigInt(p.reserveA);
    const reserveB = BigInt(p.reserveB);
    const flowA = BigInt(p.streamedA) + BigInt(p.swappedA);
    const flowB = BigInt(p.streamedB) + BigInt(p.swappedB);
    const price = priceScaled(reserveA, reserveB, decimalsA, decimalsB);
    return {
      t: p.t,
      price: Number(formatUnits(price, 18)),
      reserveA: Number(formatUnits(reserveA, decimalsA)),
      reserveB: Number(formatUnits(reserveB, decimalsB)),
      streamedA: Number(formatUnits(flowA, decimalsA)),
      streamedB: Number(formatUnits(flowB, decimalsB)),
      raw: { price, reserveA, reserveB, flowA, flowB },
    };
  });
  const last = rows[rows.length - 1];
  if (last && until !== undefined && until > last.t) rows.push({ ...last, t: until, streamedA: 0, streamedB: 0, raw: { ...last.raw, flowA: 0n, flowB: 0n } });
  return rows;
}

/** `from` of a history query for a range ending at `now`. */
export function rangeFrom(range: ChartRange, now: bigint): bigint {
  const span = CHART_RANGES[range];
  return span === 0n || span > now ? 0n : now - span;
}

/**
 * Axis numbers with as many decimals as the axis's step needs (a price between 1.99 and 2.01 gets
 * 1.995, not "2, 2, 2"), compact (12.3k) from a thousand up: axes are a sketch; tooltips carry the
 * formatted amounts.
 */
export function axisNumberFor(lo: number, hi: number, ticks = 4): (value: number) => string {
  const step = Math.abs(hi - lo) / ticks;
  const digits = step > 0 && Number.isFinite(step) ? Math.min(8, Math.max(0, Math.ceil(-Math.log10(step)) + 1)) : 2;
  const plain = new Intl.NumberFormat(undefined, { maximumFractionDigits: digits });
  const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumSignificantDigits: 3 });
  return (value) => (Math.abs(value) >= 1_000 ? compact.format(value) : plain.format(value));
}

/** Axis numbers for an axis whose range is not known up front. */
export function axisNumber(value: number): string {
  return new Intl.NumberFormat(undefined, { notation: 'compact', maximumSignificantDigits: 3 }).format(value);
}

/** A y-axis domain around some values with a margin, so a flat line sits mid-chart instead of on an edge at 0. */
export function paddedDomain(values: number[]): [number, number] | ['auto', 'auto'] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return ['auto', 'auto'];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = hi > lo ? (hi - lo) * 0.15 : Math.abs(hi) * 0.02 || 1;
  return [Math.max(0, lo - pad), hi + pad];
}
