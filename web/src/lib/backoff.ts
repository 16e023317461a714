/** The first retry after a failure waits this long; each further failure doubles it. */
export const BACKOFF_BASE_MS = 1_000;
/** Never wait longer than this between two tries: a recovered node is noticed within it. */
export const BACKOFF_MAX_MS = 30_000;

/** Exponential backoff: 1 s, 2 s, 4 s … capped at 30 s, after `failures` failures in a row (0 = none). */
export function backoffMs(failures: number, base = BACKOFF_BASE_MS, max = BACKOFF_MAX_MS): number {
  if (failures <= 0) return 0;
  return Math.min(max, base * 2 ** Math.min(failures - 1, 30));
}
