import { X96, X96_BITS } from '@streamswap/protocol';
import type { SqlDatabase } from '../storage/SqlDatabase.js';
import { decodeAmount, encodeAmount } from './codec.js';

/**
 * Values in the aggregates are scaled by 2^96 ("X96"). A stream's rate is amount * 2^96 / duration
 * rounded down; the remainder (amount * 2^96 - rate * duration, less than one wei) is paid at its end.
 * 96 bits (not just 64) make the accrued value of any stream of up to 2^40 seconds round up to exactly
 * ceil(amount * elapsed / duration), which is what a cancel lets the receiver keep (see keptAtCancel).
 */
export const SCALE_BITS = X96_BITS;
export const SCALE = X96;

/** The rate of a stream in X96 per second (0 for a lump payment). */
export function rateX96(amount: bigint, duration: bigint): bigint {
  return duration === 0n ? 0n : (amount * SCALE) / duration;
}

/** Larger than any rowid: (time, MAX_ID) as a cursor means "after every entry at time". */
const MAX_ID = (1n << 63n) - 1n;

const STARTS_SQL = `SELECT p.start_at AS time, p.stream AS id, s.sender AS sender, s.amount AS amount, s.duration AS duration
  FROM ledger_pending p JOIN ledger_stream s ON s.id = p.stream
  WHERE p.account = ? AND p.token = ? AND (p.start_at, p.stream) > (?, ?) AND p.start_at <= ?
  ORDER BY p.start_at, p.stream LIMIT ?`;
const ENDS_IN_SQL = `SELECT end_at AS time, id, sender, amount, duration FROM ledger_stream
  WHERE receiver = ? AND token = ? AND (end_at, id) > (?, ?) AND end_at <= ? ORDER BY end_at, id LIMIT ?`;
const ENDS_OUT_SQL = `SELECT end_at AS time, id, sender, amount, duration FROM ledger_stream
  WHERE sender = ? AND token = ? AND (end_at, id) > (?, ?) AND end_at <= ? ORDER BY end_at, id LIMIT ?`;

/**
 * Whether any schedule entry (a pending start, an incoming or an outgoing end) of the account falls in
 * (from, to]: one statement instead of the three walks, which usually find nothing (an account settled
 * every few seconds rarely has a start or an end due since its last settlement).
 */
const ANY_DUE_SQL = `SELECT EXISTS (SELECT 1 FROM ledger_pending WHERE account = ? AND token = ? AND start_at > ? AND start_at <= ?)
  OR EXISTS (SELECT 1 FROM ledger_stream WHERE receiver = ? AND token = ? AND end_at > ? AND end_at <= ?)
  OR EXISTS (SELECT 1 FROM ledger_stream WHERE sender = ? AND token = ? AND end_at > ? AND end_at <= ?) AS due`;

/** One (account, token) aggregate, exact at `at`. */
export interface Aggregate {
  /** Spendable value, X96. */
  avail: bigint;
  /** Value still owed to the account's own outgoing streams, X96. */
  locked: bigint;
  /** Sum of the rates of streaming incoming streams, X96 per second. */
  inRate: bigint;
  /** Sum of the rates of streaming outgoing streams, X96 per second. */
  outRate: bigint;
  at: bigint;
  nIn: bigint;
  nOut: bigint;
}

interface BalanceRow {
  avail: Uint8Array;
  locked: Uint8Array;
  in_rate: Uint8Array;
  out_rate: Uint8Array;
  settled_at: bigint;
  n_in: bigint;
  n_out: bigint;
}

interface ScheduledRow {
  time: bigint;
  id: bigint;
  sender: bigint;
  amount: Uint8Array;
  duration: bigint;
}

/**
 * The aggregate rows and the schedule walk. `project` moves an aggregate forward to t by walking only the
 * schedule entries due in (at, t]: the accrual is linear, so each start adds rate * (t - start) and each
 * end removes rate * (t - end) and pays its remainder, without replaying time step by step.
 */
export class AggregateStore {
  /** `page`: schedule entries fetched per query (tests shrink it to exercise the paging). */
  constructor(
    private readonly db: SqlDatabase,
    private readonly page = 4096n,
  ) {}

  load(account: bigint, token: bigint): Aggregate | undefined {
    const row = this.db
      .prepare(
        'SELECT avail, locked, in_rate, out_rate, settled_at, n_in, n_out FROM ledger_balance WHERE account = ? AND token = ?',
      )
      .get<BalanceRow>(account, token);
    if (row === undefined) return undefined;
    return {
      avail: decodeAmount(row.avail),
      locked: decodeAmount(row.locked),
      inRate: decodeAmount(row.in_rate),
      outRate: decodeAmount(row.out_rate),
      at: row.settled_at,
      nIn: row.n_in,
      nOut: row.n_out,
    };
  }

  save(account: bigint, token: bigint, agg: Aggregate): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO ledger_balance (account, token, avail, locked, in_rate, out_rate, settled_at, n_in, n_out) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        account,
        token,
        encodeAmount(agg.avail),
        encodeAmount(agg.locked),
        encodeAmount(agg.inRate),
        encodeAmount(agg.outRate),
        agg.at,
        agg.nIn,
        agg.nOut,
      );
  }

  /** The aggregate exact at max(t, at), read-only. */
  project(account: bigint, token: bigint, agg: Aggregate, t: bigint): Aggregate {
    return this.walk(account, token, agg, t).agg;
  }

  /** project, also telling how many pending starts came due (settle deletes them only if there are any). */
  private walk(account: bigint, token: bigint, agg: Aggregate, t: bigint): { agg: Aggregate; starts: number } {
    if (t <= agg.at) return { agg: { ...agg }, starts: 0 };
    let starts = 0;
    const from = agg.at;
    let { avail, locked, inRate, outRate } = agg;
    avail += inRate * (t - from);
    locked -= outRate * (t - from);
    const window = [account, token, from, t];
    const any = this.db.prepare(ANY_DUE_SQL).get<{ due: bigint }>(...window, ...window, ...window);
    if (any?.due === 0n) return { agg: { avail, locked, inRate, outRate, at: t, nIn: agg.nIn, nOut: agg.nOut }, starts: 0 };
    for (const row of this.due(STARTS_SQL, account, token, from, t)) {
      starts += 1;
      const rate = rateX96(decodeAmount(row.amount), row.duration);
      if (row.sender === account) {
        outRate += rate;
        locked -= rate * (t - row.time);
      } else {
        inRate += rate;
        avail += rate * (t - row.time);
      }
    }
    for (const row of this.due(ENDS_IN_SQL, account, token, from, t)) {
      const amount = decodeAmount(row.amount);
      const rate = rateX96(amount, row.duration);
      inRate -= rate;
      avail += amount * SCALE - rate * row.duration - rate * (t - row.time);
    }
    for (const row of this.due(ENDS_OUT_SQL, account, token, from, t)) {
      const amount = decodeAmount(row.amount);
      const rate = rateX96(amount, row.duration);
      outRate -= rate;
      locked -= amount * SCALE - rate * row.duration - rate * (t - row.time);
    }
    return { agg: { avail, locked, inRate, outRate, at: t, nIn: agg.nIn, nOut: agg.nOut }, starts };
  }

  /**
   * The schedule entries due in (from, to], in (time, id) order, fetched in pages so that an account
   * with millions of due entries never holds them all in memory at once.
   */
  private *due(sql: string, account: bigint, token: bigint, from: bigint, to: bigint): Generator<ScheduledRow> {
    const statement = this.db.prepare(sql);
    let cursor: [bigint, bigint] = [from, MAX_ID];
    for (;;) {
      const rows = statement.all<ScheduledRow>(account, token, cursor[0], cursor[1], to, this.page);
      yield* rows;
      if (BigInt(rows.length) < this.page) return;
      const last = rows[rows.length - 1]!;
      cursor = [last.time, last.id];
    }
  }

  /** Settles (writes) the aggregate at t: the due starts leave the pending schedule. */
  settle(account: bigint, token: bigint, t: bigint): Aggregate {
    const agg = this.load(account, token) ?? { avail: 0n, locked: 0n, inRate: 0n, outRate: 0n, at: t, nIn: 0n, nOut: 0n };
    if (t <= agg.at) return agg;
    const { agg: next, starts } = this.walk(account, token, agg, t);
    if (starts > 0) {
      this.db
        .prepare('DELETE FROM ledger_pending WHERE account = ? AND token = ? AND start_at > ? AND start_at <= ?')
        .run(account, token, agg.at, t);
    }
    return next;
  }

  /** The next time after t at which this aggregate's rates change, null if none is scheduled. */
  nextChange(account: bigint, token: bigint, t: bigint): bigint | null {
    const candidates = [
      this.db
        .prepare(
          'SELECT start_at AS time FROM ledger_pending WHERE account = ? AND token = ? AND start_at > ? ORDER BY start_at LIMIT 1',
        )
        .get<{ time: bigint }>(account, token, t),
      this.db
        .prepare(
          'SELECT end_at AS time FROM ledger_stream WHERE receiver = ? AND token = ? AND end_at > ? ORDER BY end_at LIMIT 1',
        )
        .get<{ time: bigint }>(account, token, t),
      this.db
        .prepare('SELECT end_at AS time FROM ledger_stream WHERE sender = ? AND token = ? AND end_at > ? ORDER BY end_at LIMIT 1')
        .get<{ time: bigint }>(account, token, t),
    ];
    let next: bigint | null = null;
    for (const c of candidates) if (c !== undefined && (next === null || c.time < next)) next = c.time;
    return next;
  }
}
