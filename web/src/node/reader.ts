import { READER_URL } from '../config/env.js';
import { indexOfHeader } from '../lib/processedIndexWatch.js';

/**
 * The reader (@streamswap/reader): a replica of the app's state beside the node that answers every inspect route as a
 * plain GET, from a cache, and announces each processed input on Server-Sent Events. Configured at build time with
 * VITE_READER_URL (npm start sets it); without it, or while it is unreachable, reads go to the node's inspect.
 */
/** One source for the URL: the build-time configuration (config/env.ts). */
export { READER_URL };

/** After a failed request the reader is skipped for this long (reads go to inspect), then tried again. */
const RETRY_AFTER_MS = 10_000;
let downUntil = 0;

export function readerAvailable(): boolean {
  return READER_URL !== undefined && Date.now() >= downUntil;
}

export function markReaderDown(): void {
  downUntil = Date.now() + RETRY_AFTER_MS;
}

/** One answer of the reader: its HTTP status, the JSON body (a view, or an ErrorView for 4xx) and the input it reflects. */
export interface ReaderAnswer {
  status: number;
  json: unknown;
  /** X-Processed-Input-Index: the newest input applied to the state this answer was read from (undefined if absent). */
  index: number | undefined;
}

/**
 * GET <reader>/inspect/<route>. Resolves with 2xx and 4xx answers (4xx carry the same ErrorView as inspect);
 * throws on transport failures and 5xx (the caller falls back to inspect).
 */
export async function readerGet(route: string, signal?: AbortSignal): Promise<ReaderAnswer> {
  const response = await fetch(`${READER_URL}/inspect/${route.replace(/^\/+/, '')}`, { signal: signal ?? null });
  if (response.status >= 500) throw new Error(`The reader answered HTTP ${response.status} for "${route}".`);
  return { status: response.status, json: await response.json(), index: indexOfHeader(response.headers.get('X-Processed-Input-Index')) };
}
