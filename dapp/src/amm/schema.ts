/**
 * Tables of the AMM. Amounts are decimal TEXT (lossless bigints; rate deltas may be negative).
 *
 * - amm_pair: one row per pair (token0 < token1 numerically). Pool-side amounts (reserves, fees, unsold,
 *   owed) are kept in units of 2^-64 wei: streamed flows are exact there (integer rate x integer seconds), so
 *   the curve never rounds to whole wei between segments and touching the pool more often changes results
 *   by ~2^-64 wei per touch, not 1 wei. Whole wei appear only where value enters or leaves the ledger, and
 *   the four buckets of a token always add up to whole wei. `reserve0/1` is the constant-product curve;
 *   `fee0/1` are fees taken from streamed input, kept beside the curve until the next instant swap or
 *   liquidity change so that executing virtual orders does not depend on how often the pool is touched.
 *   Per sell direction d (0 sells token0 for token1, 1 sells token1 for token0):
 *   rate_d   aggregate sale rate of running orders (per second, x2^64),
 *   sold_d   cumulative input flow in units of 2^-64 wei; the fee is taken on this cumulative figure,
 *            so splitting execution into more segments does not change the total fee,
 *   ef_d     earnings per unit of rate (tokenOut per x2^64-rate, scaled by 2^192), only ever grows,
 *   unsold_d input held for orders (not yet sold, or refunds not yet paid out),
 *   owed_d   proceeds accrued to orders but not yet credited to owners (plus rounding dust),
 *   open_d   orders not yet ended, canceled or stopped.
 *   `last_t`: virtual orders have been executed up to this time.
 * - amm_schedule: per (pair, time, direction) the change of the sale rate (order starts and ends, on the
 *   ORDER_INTERVAL grid of protocol's orderWindow.ts), how many orders end there and how many orders refer to
 *   the row, and the sum of the `dust` of the orders ending there (moved from unsold input to fees when the row
 *   is crossed). Execution walks only these rows: one closed-form segment per distinct time.
 * - amm_snapshot: per processed schedule row, the snapshot of ef_d at that time (append-only; written in
 *   multi-row batches during an execution, see OrderStore's SnapshotBatch). Orders read their EF at start
 *   and end here.
 * - amm_order: one row per streamed order, with its real window (start_at, duration on the ORDER_INTERVAL grid).
 *   It sells at `rate` = floor(amountIn * 2^64 / duration); amountIn * 2^64 = rate * duration + dust, and the
 *   dust (< duration units of 2^-64 wei: below one wei) joins the pair's fees when the order's end is crossed,
 *   or goes back with the refund of a cancel or stop (orderMath.ts).
 * - amm_history: bounded chart history per pair (at most HISTORY_MAX_POINTS rows, see History.ts).
 */
export const AMM_SCHEMA = `
CREATE TABLE IF NOT EXISTS amm_pair (
  id INTEGER PRIMARY KEY,
  token0 TEXT NOT NULL,
  token1 TEXT NOT NULL,
  reserve0 TEXT NOT NULL,
  reserve1 TEXT NOT NULL,
  fee0 TEXT NOT NULL,
  fee1 TEXT NOT NULL,
  last_t INTEGER NOT NULL,
  rate0 TEXT NOT NULL, rate1 TEXT NOT NULL,
  sold0 TEXT NOT NULL, sold1 TEXT NOT NULL,
  ef0 TEXT NOT NULL, ef1 TEXT NOT NULL,
  unsold0 TEXT NOT NULL, unsold1 TEXT NOT NULL,
  owed0 TEXT NOT NULL, owed1 TEXT NOT NULL,
  open0 INTEGER NOT NULL, open1 INTEGER NOT NULL,
  limits INTEGER NOT NULL,
  hist_width INTEGER NOT NULL,
  hist_rows INTEGER NOT NULL,
  UNIQUE (token0, token1)
);
CREATE TABLE IF NOT EXISTS amm_schedule (
  pair INTEGER NOT NULL,
  t INTEGER NOT NULL,
  dir INTEGER NOT NULL,
  delta TEXT NOT NULL,
  ends INTEGER NOT NULL,
  refs INTEGER NOT NULL,
  dust TEXT NOT NULL,
  PRIMARY KEY (pair, t, dir)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS amm_snapshot (
  pair INTEGER NOT NULL,
  t INTEGER NOT NULL,
  dir INTEGER NOT NULL,
  ef TEXT NOT NULL,
  PRIMARY KEY (pair, t, dir)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS amm_order (
  id INTEGER PRIMARY KEY,
  pair INTEGER NOT NULL,
  dir INTEGER NOT NULL,
  owner TEXT NOT NULL,
  token_in TEXT NOT NULL,
  token_out TEXT NOT NULL,
  amount_in TEXT NOT NULL,
  amount_out_min TEXT NOT NULL,
  min_avg TEXT,
  start_at INTEGER NOT NULL,
  duration INTEGER NOT NULL,
  rate TEXT NOT NULL,
  dust INTEGER NOT NULL,
  ef_start TEXT,
  closed_at INTEGER,
  close_kind INTEGER NOT NULL,
  ef_close TEXT,
  refund TEXT NOT NULL,
  paid TEXT NOT NULL,
  live INTEGER NOT NULL,
  refund_due INTEGER NOT NULL,
  watch INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS amm_order_owner ON amm_order (owner, id);
CREATE INDEX IF NOT EXISTS amm_order_owed ON amm_order (owner, token_out) WHERE live = 1;
CREATE INDEX IF NOT EXISTS amm_order_locked ON amm_order (owner, token_in) WHERE live = 1;
CREATE INDEX IF NOT EXISTS amm_order_refund ON amm_order (owner, token_in) WHERE refund_due = 1;
CREATE INDEX IF NOT EXISTS amm_order_watch ON amm_order (pair, id) WHERE watch = 1;
CREATE INDEX IF NOT EXISTS amm_order_watch_owner ON amm_order (owner, token_in) WHERE watch = 1;
CREATE TABLE IF NOT EXISTS amm_history (
  pair INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  t INTEGER NOT NULL,
  reserve0 TEXT NOT NULL,
  reserve1 TEXT NOT NULL,
  streamed0 TEXT NOT NULL,
  streamed1 TEXT NOT NULL,
  swapped0 TEXT NOT NULL,
  swapped1 TEXT NOT NULL,
  PRIMARY KEY (pair, bucket)
) WITHOUT ROWID;
`;
