import type { Address } from 'viem';
import { AppError } from '@streamswap/protocol';
import { type Aggregate, AggregateStore, SCALE, SCALE_BITS, rateX96 } from '../../src/ledger/aggregate.js';
import { encodeAddress, encodeAmount } from '../../src/ledger/codec.js';
import type { Ledger } from '../../src/ledger/index.js';
import type { SqlDatabase } from '../../src/storage/SqlDatabase.js';

export interface BulkStream {
  sender: Address;
  receiver: Address;
  amount: bigint;
  duration: bigint;
}

/**
 * Bench-only fast path: opens many streams that all start now (t), in one transaction, writing each
 * aggregate once instead of once per stream. It produces exactly the state a loop of
 * `ledger.openStream(token, s.sender, s.receiver, s.amount, 0n, s.duration, t)` would (same ids, same rows;
 * a test compares the state digests), and it checks every sender's funds like openStream does, so it is not
 * an unchecked creation path. It assumes no BalanceExtension is registered and durations > 0. It lives under
 * bench/, outside the package's exports, so the rollup cannot reach it.
 */
export function bulkOpenStreams(db: SqlDatabase, ledger: Ledger, token: Address, streams: readonly BulkStream[], t: bigint): void {
  void ledger; // the ledger must exist (it created the schema); its internals are reproduced here in bulk
  db.transaction(() => {
    const store = new AggregateStore(db);
    const tok = db.prepare('SELECT id FROM ledger_token WHERE address = ?').get<{ id: bigint }>(encodeAddress(token))?.id;
    if (tok === undefined) throw new AppError('INSUFFICIENT_AVAILABLE', `No account holds token ${token}.`);
    const ids = new Map<string, bigint>();
    const aggs = new Map<bigint, Aggregate>();
    const selectAccount = db.prepare('SELECT id FROM ledger_account WHERE address = ?');
    const insertAccount = db.prepare('INSERT INTO ledger_account (address) VALUES (?)');
    const idOf = (address: Address, create: boolean): bigint => {
      const key = address.toLowerCase();
      let id = ids.get(key);
      if (id === undefined) {
        const bytes = encodeAddress(address);
        id = selectAccount.get<{ id: bigint }>(bytes)?.id;
        if (id === undefined) {
          if (!create) throw new AppError('INSUFFICIENT_AVAILABLE', `Account ${address} holds no ${token}.`);
          id = insertAccount.run(bytes).lastInsertRowid;
        }
        ids.set(key, id);
      }
      return id;
    };
    const aggOf = (id: bigint): Aggregate => {
      let agg = aggs.get(id);
      if (agg === undefined) {
        agg = store.settle(id, tok, t);
        aggs.set(id, agg);
      }
      return agg;
    };
    const insert = db.prepare(
      'INSERT INTO ledger_stream (token, sender, receiver, amount, start_at, duration, end_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const s of streams) {
      if (s.amount <= 0n || s.duration <= 0n || s.sender.toLowerCase() === s.receiver.toLowerCase()) {
        throw new AppError('INVALID_AMOUNT', 'bulkOpenStreams takes positive amounts and durations between distinct accounts.');
      }
      const snd = idOf(s.sender, false);
      const sa = aggOf(snd);
      if (sa.avail >> SCALE_BITS < s.amount) {
        throw new AppError('INSUFFICIENT_AVAILABLE', `Account ${s.sender} cannot fund a stream of ${s.amount}.`);
      }
      const rcv = idOf(s.receiver, true);
      const ra = aggOf(rcv);
      insert.run(tok, snd, rcv, encodeAmount(s.amount), t, s.duration, t + s.duration);
      const rate = rateX96(s.amount, s.duration);
      sa.avail -= s.amount * SCALE;
      sa.locked += s.amount * SCALE;
      sa.outRate += rate;
      sa.nOut += 1n;
      ra.inRate += rate;
      ra.nIn += 1n;
    }
    for (const [id, agg] of [...aggs].sort((x, y) => (x[0] < y[0] ? -1 : 1))) store.save(id, tok, agg);
  });
}
