/** The largest SQLite rowid (a signed 64-bit integer): ids above it can name no row, and the bindings refuse to bind them. */
export const MAX_ROWID = (1n << 63n) - 1n;

/** Whether `id` can be a rowid (stream and order ids are rowids from 1); callers answer "not found" otherwise. */
export function isRowId(id: bigint): boolean {
  return id >= 1n && id <= MAX_ROWID;
}
