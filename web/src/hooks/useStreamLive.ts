import type { StreamView } from '@streamswap/protocol';
import { streamedAt, streamStatusAt, type StreamTimes } from '../lib/streams.js';
import { useChainNowMs } from './useNow.js';

/** The wire record as bigints. */
export function streamTimes(stream: StreamView): StreamTimes {
  return {
    amount: BigInt(stream.amount),
    start: BigInt(stream.start),
    duration: BigInt(stream.duration),
    status: stream.status,
    streamed: BigInt(stream.streamed),
    canceledAt: stream.canceledAt === null ? null : BigInt(stream.canceledAt),
  };
}

/** A stream at chain time, redrawn every ~75 ms only while it is streaming. */
export function useStreamLive(stream: StreamView) {
  const times = streamTimes(stream);
  const initialNow = useChainNowMs(false);
  const live = initialNow !== undefined && stream.status !== 'canceled' && streamStatusAt(times, initialNow) !== 'settled';
  const now = useChainNowMs(live) ?? BigInt(stream.start) * 1000n;
  const status = streamStatusAt(times, now);
  const streamed = streamedAt(times, now);
  return { times, now, status, streamed, remaining: times.amount - streamed };
}
