import type { SqlDatabase, SqlStatement, SqlValue } from '../../src/storage/SqlDatabase.js';

export interface Execution {
  sql: string;
  params: SqlValue[];
  rows: number;
  changes: number;
}

/** Wraps a SqlDatabase and records every statement executed, its parameters and the rows it returned or changed. */
export function recording(db: SqlDatabase): { db: SqlDatabase; log: Execution[] } {
  const log: Execution[] = [];
  const wrapped: SqlDatabase = {
    prepare(sql) {
      const inner: SqlStatement = db.prepare(sql);
      return {
        run: (...params) => {
          const r = inner.run(...params);
          log.push({ sql, params, rows: 0, changes: r.changes });
          return r;
        },
        get: <Row>(...params: SqlValue[]) => {
          const r = inner.get<Row>(...params);
          log.push({ sql, params, rows: r === undefined ? 0 : 1, changes: 0 });
          return r;
        },
        all: <Row>(...params: SqlValue[]) => {
          const r = inner.all<Row>(...params);
          log.push({ sql, params, rows: r.length, changes: 0 });
          return r;
        },
      };
    },
    exec: (sql) => db.exec(sql),
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
  return { db: wrapped, log };
}

/** The query plan of one recorded statement, one detail line per step. */
export function queryPlan(db: SqlDatabase, e: Execution): string[] {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${e.sql}`)
    .all<{ detail: string }>(...e.params)
    .map((r) => r.detail);
}
