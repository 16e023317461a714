import type { StreamStatus, StreamView } from '@streamswap/protocol';
import { copy } from '../lib/copy.js';
import { exactAmount, formatDateTime, formatFixed, tickingFractionDigits } from '../lib/format.js';
import { streamRate, type StreamTimes } from '../lib/streams.js';
import { Amount } from './Amount.js';

/** What has streamed: ticking with fixed digits while it moves, the one formatter once it stands still. */
export function StreamedAmount({ streamed, times, status, decimals, testId }: { streamed: bigint; times: StreamTimes; status: StreamStatus; decimals: number; testId: string }) {
  if (status !== 'streaming') return <Amount value={streamed} decimals={decimals} testId={testId} />;
  const digits = tickingFractionDigits(times.duration > 0n ? times.amount / times.duration : 0n, decimals);
  const exact = exactAmount(streamed, decimals);
  return (
    <span className="num ticking" data-testid={testId} data-value={exact} data-base-units={streamed.toString()} title={exact}>
      {formatFixed(streamed, decimals, digits)}
    </span>
  );
}

/** "12.5 tUSD/minute": the rate in the unit that fits the stream's length. */
export function StreamRateText({ times, decimals, symbol, testId }: { times: StreamTimes; decimals: number; symbol: string; testId?: string }) {
  const rate = streamRate(times.amount, times.duration);
  return (
    <span data-testid={testId} data-unit={rate.unit.name}>
      <Amount value={rate.perUnit} decimals={decimals} /> {copy.streams.per(symbol, rate.unit.name)}
    </span>
  );
}

/** When it starts, ends, ended, or was canceled (never "ends" for a canceled stream). */
export function streamWhen(stream: StreamView, status: StreamStatus): string {
  if (stream.status === 'canceled' && stream.canceledAt !== null) return copy.streams.canceledAt(formatDateTime(stream.canceledAt));
  if (status === 'pending') return copy.streams.startsAt(formatDateTime(stream.start));
  if (status === 'settled') return copy.streams.endedAt(formatDateTime(stream.end));
  return copy.streams.endsAt(formatDateTime(stream.end));
}
