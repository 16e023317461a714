/**
 * The one storage boundary of the back-end. Domain code (ledger, AMM) talks to SQLite only through
 * this interface, so the binding (better-sqlite3 on the host, whatever proves itself on riscv64) is a
 * single replaceable choice made in `openDatabase`.
 *
 * Integers always come back as bigint (safe integers): money and time never pass through a float.
 */
export type SqlValue = null | bigint | number | string | Uint8Array;

export interface RunResult {
  changes: number;
  lastInsertRowid: bigint;
}

export interface SqlStatement {
  run(...params: SqlValue[]): RunResult;
  get<Row = Record<string, SqlValue>>(...params: SqlValue[]): Row | undefined;
  all<Row = Record<string, SqlValue>>(...params: SqlValue[]): Row[];
}

export interface SqlDatabase {
  /** Prepares (and caches) a statement. */
  prepare(sql: string): SqlStatement;
  /** Runs one or more statements without parameters (schema creation). */
  exec(sql: string): void;
  /** Runs fn atomically; nested calls become savepoints. A throw rolls back everything fn did. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
