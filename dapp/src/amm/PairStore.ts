import type { Address } from 'viem';
import type { OrderPoolSide } from '@streamswap/protocol';
import type { SqlDatabase } from '../storage/SqlDatabase.js';

/** One sell direction of a pair (see schema.ts; unsold and owed in units of 2^-64 wei): the engine's order pool plus its bookkeeping. */
export interface Side extends OrderPoolSide {
  unsold: bigint;
  open: number;
}

/** A pair's whole mutable state, loaded into memory for one operation (or one projection). Reserves and fees in 2^-64 wei. */
export interface PairState {
  id: bigint;
  token0: Address;
  token1: Address;
  reserve0: bigint;
  reserve1: bigint;
  fee0: bigint;
  fee1: bigint;
  lastT: bigint;
  sides: [Side, Side];
  limits: number;
  histWidth: bigint;
  histRows: number;
  /** Input sold by orders into the pool during this operation (for the history), not stored. */
  streamed: [bigint, bigint];
}

interface PairRow {
  id: bigint;
  token0: string;
  token1: string;
  reserve0: string;
  reserve1: string;
  fee0: string;
  fee1: string;
  last_t: bigint;
  rate0: string;
  rate1: string;
  sold0: string;
  sold1: string;
  ef0: string;
  ef1: string;
  unsold0: string;
  unsold1: string;
  owed0: string;
  owed1: string;
  open0: bigint;
  open1: bigint;
  limits: bigint;
  hist_width: bigint;
  hist_rows: bigint;
}

export const HISTORY_INITIAL_WIDTH = 60n;

export class PairStore {
  constructor(private readonly db: SqlDatabase) {}

  idOf(token0: Address, token1: Address): bigint | undefined {
    return this.db.prepare('SELECT id FROM amm_pair WHERE token0 = ? AND token1 = ?').get<{ id: bigint }>(token0, token1)?.id;
  }

  create(token0: Address, token1: Address, t: bigint): bigint {
    return this.db
      .prepare(
        `INSERT INTO amm_pair (token0, token1, reserve0, reserve1, fee0, fee1, last_t, rate0, rate1, sold0, sold1, ef0, ef1,
           unsold0, unsold1, owed0, owed1, open0, open1, limits, hist_width, hist_rows)
         VALUES (?, ?, '0', '0', '0', '0', ?, '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', 0, 0, 0, ?, 0)`,
      )
      .run(token0, token1, t, HISTORY_INITIAL_WIDTH).lastInsertRowid;
  }

  /** Of these pairs, the ids of those with watched limit orders, ascending (one indexed query, no state loaded). */
  withWatchedLimits(ids: Iterable<bigint>): bigint[] {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    return this.db
      .prepare(`SELECT id FROM amm_pair WHERE limits > 0 AND id IN (${unique.map(() => '?').join(', ')}) ORDER BY id`)
      .all<{ id: bigint }>(...unique)
      .map((r) => r.id);
  }

  load(id: bigint): PairState {
    const r = this.db.prepare('SELECT * FROM amm_pair WHERE id = ?').get<PairRow>(id);
    if (r === undefined) throw new Error(`Pair ${id} vanished.`);
    return fromRow(r);
  }

  all(): PairState[] {
    return this.db.prepare('SELECT * FROM amm_pair ORDER BY token0, token1').all<PairRow>().map(fromRow);
  }

  save(s: PairState): void {
    const [a, b] = s.sides;
    this.db
      .prepare(
        `UPDATE amm_pair SET reserve0 = ?, reserve1 = ?, fee0 = ?, fee1 = ?, last_t = ?, rate0 = ?, rate1 = ?, sold0 = ?, sold1 = ?,
           ef0 = ?, ef1 = ?, unsold0 = ?, unsold1 = ?, owed0 = ?, owed1 = ?, open0 = ?, open1 = ?, limits = ?, hist_width = ?, hist_rows = ?
         WHERE id = ?`,
      )
      .run(
        s.reserve0.toString(),
        s.reserve1.toString(),
        s.fee0.toString(),
        s.fee1.toString(),
        s.lastT,
        a.rate.toString(),
        b.rate.toString(),
        a.sold.toString(),
        b.sold.toString(),
        a.ef.toString(),
        b.ef.toString(),
        a.unsold.toString(),
        b.unsold.toString(),
        a.owed.toString(),
        b.owed.toString(),
        BigInt(a.open),
        BigInt(b.open),
        BigInt(s.limits),
        s.histWidth,
        BigInt(s.histRows),
        s.id,
      );
  }
}

function fromRow(r: PairRow): PairState {
  return {
    id: r.id,
    token0: r.token0 as Address,
    token1: r.token1 as Address,
    reserve0: BigInt(r.reserve0),
    reserve1: BigInt(r.reserve1),
    fee0: BigInt(r.fee0),
    fee1: BigInt(r.fee1),
    lastT: r.last_t,
    sides: [
      { rate: BigInt(r.rate0), sold: BigInt(r.sold0), ef: BigInt(r.ef0), unsold: BigInt(r.unsold0), owed: BigInt(r.owed0), open: Number(r.open0) },
      { rate: BigInt(r.rate1), sold: BigInt(r.sold1), ef: BigInt(r.ef1), unsold: BigInt(r.unsold1), owed: BigInt(r.owed1), open: Number(r.open1) },
    ],
    limits: Number(r.limits),
    histWidth: r.hist_width,
    histRows: Number(r.hist_rows),
    streamed: [0n, 0n],
  };
}
