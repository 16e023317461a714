/**
 * Tables of the ledger. Per stream the database holds one `ledger_stream` row and one entry in each of its
 * four indexes (two schedules, two newest-first listings): about 95 bytes on disk (bench:streams);
 * everything else is per account or per token.
 *
 * - ledger_account / ledger_token: integer ids for 20-byte addresses (rows refer to ids, 1-3 bytes each).
 * - ledger_balance: one aggregate row per (account, token), values scaled by 2^96 (see Ledger.ts):
 *   avail (spendable), locked (still owed to own outgoing streams), in_rate / out_rate (sums of the rates of
 *   streaming incoming / outgoing streams), settled_at (time these figures are exact at), n_in / n_out
 *   (streams ever received / sent, for paging totals without counting).
 * - ledger_stream: one row per stream. `end_at` is start + duration while the stream runs and the cancel
 *   time once canceled, so the schedule indexes never show a canceled stream again.
 * - ledger_stream_out / ledger_stream_in: the schedule of stream ends per (account, token, time); settling an
 *   account walks only the ends that came due since its last settlement.
 * - ledger_stream_by_sender / ledger_stream_by_receiver: an account's streams newest first (the index is
 *   ordered by rowid = stream id within an account), so listing a page never sorts.
 * - ledger_pending: the schedule of stream starts for streams opened with a future start (rows are deleted
 *   once processed, so the table only holds streams that have not started).
 */
export const LEDGER_SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger_account (
  id INTEGER PRIMARY KEY,
  address BLOB NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS ledger_token (
  id INTEGER PRIMARY KEY,
  address BLOB NOT NULL UNIQUE,
  supply BLOB NOT NULL,
  withdrawable INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS ledger_balance (
  account INTEGER NOT NULL,
  token INTEGER NOT NULL,
  avail BLOB NOT NULL,
  locked BLOB NOT NULL,
  in_rate BLOB NOT NULL,
  out_rate BLOB NOT NULL,
  settled_at INTEGER NOT NULL,
  n_in INTEGER NOT NULL,
  n_out INTEGER NOT NULL,
  PRIMARY KEY (account, token)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ledger_stream (
  id INTEGER PRIMARY KEY,
  token INTEGER NOT NULL,
  sender INTEGER NOT NULL,
  receiver INTEGER NOT NULL,
  amount BLOB NOT NULL,
  start_at INTEGER NOT NULL,
  duration INTEGER NOT NULL,
  end_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_stream_out ON ledger_stream (sender, token, end_at);
CREATE INDEX IF NOT EXISTS ledger_stream_in ON ledger_stream (receiver, token, end_at);
CREATE INDEX IF NOT EXISTS ledger_stream_by_sender ON ledger_stream (sender);
CREATE INDEX IF NOT EXISTS ledger_stream_by_receiver ON ledger_stream (receiver);
CREATE TABLE IF NOT EXISTS ledger_pending (
  account INTEGER NOT NULL,
  token INTEGER NOT NULL,
  start_at INTEGER NOT NULL,
  stream INTEGER NOT NULL,
  PRIMARY KEY (account, token, start_at, stream)
) WITHOUT ROWID;
`;
