import Database from 'better-sqlite3';
import type { RunResult, SqlDatabase, SqlStatement, SqlValue } from './SqlDatabase.js';

/** better-sqlite3 behind the SqlDatabase interface, with integers as bigint. */
export function openBetterSqlite(path: string): SqlDatabase {
  const db = new Database(path);
  db.defaultSafeIntegers(true);
  if (path !== ':memory:') {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  const cache = new Map<string, SqlStatement>();
  return {
    prepare(sql) {
      let stmt = cache.get(sql);
      if (!stmt) {
        const raw = db.prepare(sql);
        const reader = raw.reader;
        stmt = {
          run: (...params: SqlValue[]): RunResult => {
            const r = raw.run(...params);
            return { changes: r.changes, lastInsertRowid: BigInt(r.lastInsertRowid) };
          },
          get: <Row>(...params: SqlValue[]) => (reader ? (raw.get(...params) as Row | undefined) : undefined),
          all: <Row>(...params: SqlValue[]) => (reader ? (raw.all(...params) as Row[]) : []),
        };
        cache.set(sql, stmt);
      }
      return stmt;
    },
    exec: (sql) => void db.exec(sql),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => db.close(),
  };
}
