import { ProcessedIndexWatch } from '../lib/processedIndexWatch.js';
import { ReadFloor } from '../lib/readFloor.js';
import { READER_URL } from './reader.js';

/** The reader's replay position as this page has seen it (its push channel and the header of its answers). */
export const readerWatch = new ProcessedIndexWatch();

/** What reads must at least reflect (see ReadFloor): checked by inspect() on every reader answer. */
export const readFloor = new ReadFloor();

/** How long a writer waits for the reader to replay its input before refetching anyway (reads then fall back to inspect). */
export const READER_CATCH_UP_MS = 10_000;

/**
 * The node reported input `index` processed. From now on no reader answer from before it is shown (such a read goes
 * to the node's inspect), and this resolves once the reader has replayed it, or after READER_CATCH_UP_MS: the moment
 * to refetch live state. At once without a reader (the node's inspect already answers with the input applied).
 */
export async function readerCaughtUp(index: number): Promise<void> {
  if (READER_URL === undefined) return;
  readFloor.raise(index);
  await readerWatch.waitFor(index, READER_CATCH_UP_MS);
}
