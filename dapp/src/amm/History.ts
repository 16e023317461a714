import { poolUnitsToWei } from '@streamswap/protocol';
import type { SqlDatabase } from '../storage/SqlDatabase.js';
import type { PairState } from './PairStore.js';

/**
 * Bounded pool history for charts. Each write to a pair folds one point into the time bucket of its
 * timestamp (bucket width starts at one minute): reserves are those after the write (curve plus pending
 * streamed fees), flows are summed. When a pair reaches HISTORY_MAX_POINTS buckets the width is multiplied by
 * 4 and existing buckets are merged (last reserves, summed flows), so a pair never holds more than
 * HISTORY_MAX_POINTS rows however long it lives; older history just gets coarser.
 */
export const HISTORY_MAX_POINTS = 1024;

interface HistoryRow {
  bucket: bigint;
  t: bigint;
  reserve0: string;
  reserve1: string;
  streamed0: string;
  streamed1: string;
  swapped0: string;
  swapped1: string;
}

export interface RawPoint {
  t: bigint;
  reserve0: bigint;
  reserve1: bigint;
  streamed0: bigint;
  streamed1: bigint;
  swapped0: bigint;
  swapped1: bigint;
}

export class History {
  constructor(private readonly db: SqlDatabase) {}

  /** Records the pair after a write at time t; takes (and resets) the state's streamed counters. */
  record(s: PairState, t: bigint, swapped: [bigint, bigint] = [0n, 0n]): void {
    const bucket = t / s.histWidth;
    const prev = this.db.prepare('SELECT * FROM amm_history WHERE pair = ? AND bucket = ?').get<HistoryRow>(s.id, bucket);
    const point: RawPoint = {
      t,
      reserve0: poolUnitsToWei(s.reserve0 + s.fee0),
      reserve1: poolUnitsToWei(s.reserve1 + s.fee1),
      streamed0: s.streamed[0] + (prev ? BigInt(prev.streamed0) : 0n),
      streamed1: s.streamed[1] + (prev ? BigInt(prev.streamed1) : 0n),
      swapped0: swapped[0] + (prev ? BigInt(prev.swapped0) : 0n),
      swapped1: swapped[1] + (prev ? BigInt(prev.swapped1) : 0n),
    };
    s.streamed = [0n, 0n];
    this.write(s.id, bucket, point);
    if (prev === undefined) {
      s.histRows += 1;
      if (s.histRows > HISTORY_MAX_POINTS) this.coarsen(s);
    }
  }

  /** Points of a pair with from <= t <= to, oldest first, in token0/token1 order. */
  read(pair: bigint, from: bigint, to: bigint): RawPoint[] {
    return this.db
      .prepare('SELECT * FROM amm_history WHERE pair = ? AND t >= ? AND t <= ? ORDER BY bucket')
      .all<HistoryRow>(pair, from, to)
      .map(toPoint);
  }

  private write(pair: bigint, bucket: bigint, p: RawPoint): void {
    this.db
      .prepare(
        `INSERT INTO amm_history (pair, bucket, t, reserve0, reserve1, streamed0, streamed1, swapped0, swapped1)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (pair, bucket) DO UPDATE SET t = excluded.t, reserve0 = excluded.reserve0, reserve1 = excluded.reserve1,
           streamed0 = excluded.streamed0, streamed1 = excluded.streamed1, swapped0 = excluded.swapped0, swapped1 = excluded.swapped1`,
      )
      .run(pair, bucket, p.t, ...[p.reserve0, p.reserve1, p.streamed0, p.streamed1, p.swapped0, p.swapped1].map(String));
  }

  private coarsen(s: PairState): void {
    const rows = this.db.prepare('SELECT * FROM amm_history WHERE pair = ? ORDER BY bucket').all<HistoryRow>(s.id);
    s.histWidth *= 4n;
    const merged = new Map<bigint, RawPoint>();
    for (const r of rows) {
      const p = toPoint(r);
      const b = p.t / s.histWidth;
      const m = merged.get(b);
      if (m === undefined) merged.set(b, p);
      else
        merged.set(b, {
          t: p.t,
          reserve0: p.reserve0,
          reserve1: p.reserve1,
          streamed0: m.streamed0 + p.streamed0,
          streamed1: m.streamed1 + p.streamed1,
          swapped0: m.swapped0 + p.swapped0,
          swapped1: m.swapped1 + p.swapped1,
        });
    }
    this.db.prepare('DELETE FROM amm_history WHERE pair = ?').run(s.id);
    for (const [b, p] of merged) this.write(s.id, b, p);
    s.histRows = merged.size;
  }
}

function toPoint(r: HistoryRow): RawPoint {
  return {
    t: r.t,
    reserve0: BigInt(r.reserve0),
    reserve1: BigInt(r.reserve1),
    streamed0: BigInt(r.streamed0),
    streamed1: BigInt(r.streamed1),
    swapped0: BigInt(r.swapped0),
    swapped1: BigInt(r.swapped1),
  };
}
