import { watchEventSource } from '../lib/processedIndexWatch.js';
import { READER_URL } from './reader.js';
import { readerWatch } from './readerProgress.js';

/** What the reader announces on `GET /events` after it commits new inputs. */
export interface ProcessedInput {
  /** The newest processed input index. */
  index: number;
  /** Its block timestamp (unix seconds). */
  timestamp: number;
  /** The first input of this commit (several arrive together while the reader catches up). */
  from: number;
}

let connected = false;

/**
 * How often live reads refetch while the push channel is open. Inputs are announced, but answers also change with
 * time alone (a stream ends, an order expires, at validUntil), which no input announces: a slow timer catches those.
 */
export const PUSH_TIME_POLL_MS = 15_000;

/** True while the push channel is open: live reads then refetch on each input instead of on a fast timer. */
export function pushConnected(): boolean {
  return connected;
}

/**
 * Calls `onChange` on each processed input the reader announces, and once on every (re)connection (inputs may have
 * arrived while it was closed). EventSource reconnects by itself. Returns the unsubscribe; a no-op without a reader.
 */
export function subscribeToInputs(onChange: (input: ProcessedInput | null) => void): () => void {
  if (READER_URL === undefined || typeof EventSource === 'undefined') return () => {};
  const source = new EventSource(`${READER_URL}/events`);
  // first, so a writer waiting for this index (readerCaughtUp) is released by the same event
  watchEventSource(source, readerWatch);
  source.addEventListener('hello', () => {
    connected = true;
    onChange(null);
  });
  source.addEventListener('processed', (event) => {
    try {
      onChange(JSON.parse((event as MessageEvent<string>).data) as ProcessedInput);
    } catch {
      onChange(null);
    }
  });
  source.addEventListener('error', () => {
    connected = false;
  });
  return () => {
    connected = false;
    source.close();
  };
}

/** The query keys that hold app state: refetched on every new input. */
const LIVE_KEYS = new Set(['inspect', 'nodeInputs']);

/** Wires the push channel to a TanStack QueryClient: each new input invalidates the live queries. */
export function invalidateOnNewInputs(queryClient: { invalidateQueries(filters: { predicate: (q: { queryKey: readonly unknown[] }) => boolean }): Promise<void> }): () => void {
  return subscribeToInputs(() => {
    void queryClient.invalidateQueries({ predicate: (q) => LIVE_KEYS.has(String(q.queryKey[0])) });
  });
}
