import * as wasmModule from 'node-sqlite3-wasm';
import type { RunResult, SqlDatabase, SqlStatement, SqlValue } from './SqlDatabase.js';

type WasmRow = Record<string, SqlValue>;

// The package is CommonJS: under Node's ESM loader its exports sit on `default`, under bundlers on the namespace.
const { Database } = (wasmModule as unknown as { default?: typeof wasmModule }).default ?? wasmModule;

/**
 * node-sqlite3-wasm returns integers inside the safe range as JS numbers. The back-end stores no REAL
 * values (money and time are integers), so every whole number in a row is an SQLite INTEGER and comes
 * back as bigint, like better-sqlite3 with safe integers on. Fractions stay numbers.
 */
function toBigintRow(row: WasmRow): WasmRow {
  for (const key in row) {
    const value = row[key];
    if (typeof value === 'number' && Number.isInteger(value)) row[key] = BigInt(value);
  }
  return row;
}

/** node-sqlite3-wasm takes one array of values where better-sqlite3 takes them spread. */
function bindable(params: SqlValue[]): SqlValue[] | undefined {
  return params.length === 0 ? undefined : params;
}

/**
 * SQLite compiled to WebAssembly (node-sqlite3-wasm) behind the SqlDatabase interface, with integers
 * as bigint. It has no native code, so the same package runs unchanged on x86-64 and inside the
 * Cartesi machine (riscv64), where the native better-sqlite3 addon crashes on load under Debian's
 * shared libnode. A file path is a real file (node-sqlite3-wasm's VFS writes through node:fs).
 */
export function openWasmSqlite(path: string): SqlDatabase {
  const db = new Database(path);
  if (path !== ':memory:') {
    // One process owns the file (the back-end, alone in its machine): an exclusive lock lets SQLite keep its
    // page cache across transactions instead of re-reading pages through the JS file system layer, and the
    // rollback journal stays in memory (no WAL: this VFS has no shared memory). A crash can lose the last
    // transaction; inside a Cartesi machine a crash of the back-end ends the input anyway.
    db.exec('PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;');
  }
  const cache = new Map<string, SqlStatement>();
  const prepared = new Set<{ finalize(): void }>();
  let depth = 0;

  // After a failed step SQLite reports the error again on the statement's next reset, which
  // node-sqlite3-wasm turns into a throw on the next, valid, use. So a statement that threw is dropped.
  function guarded<T>(sql: string, raw: { finalize(): void }, use: () => T): T {
    try {
      return use();
    } catch (error) {
      cache.delete(sql);
      prepared.delete(raw);
      try {
        raw.finalize();
      } catch {
        // finalize repeats the error being reported already
      }
      throw error;
    }
  }

  return {
    prepare(sql) {
      let stmt = cache.get(sql);
      if (!stmt) {
        const raw = db.prepare(sql);
        prepared.add(raw);
        stmt = {
          run: (...params: SqlValue[]): RunResult =>
            guarded(sql, raw, () => {
              const r = raw.run(bindable(params));
              return { changes: Number(r.changes), lastInsertRowid: BigInt(r.lastInsertRowid) };
            }),
          get: <Row>(...params: SqlValue[]) =>
            guarded(sql, raw, () => {
              const row = raw.get(bindable(params)) as WasmRow | null;
              return (row === null ? undefined : toBigintRow(row)) as Row | undefined;
            }),
          all: <Row>(...params: SqlValue[]) =>
            guarded(sql, raw, () => (raw.all(bindable(params)) as WasmRow[]).map(toBigintRow) as Row[]),
        };
        cache.set(sql, stmt);
      }
      return stmt;
    },
    exec: (sql) => db.exec(sql),
    // Same contract as better-sqlite3's db.transaction(fn)(): the outermost call is BEGIN/COMMIT, nested
    // calls are savepoints, and a throw undoes exactly what its own call did before rethrowing.
    transaction<T>(fn: () => T): T {
      const savepoint = `sp${depth}`;
      db.exec(depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
      depth += 1;
      try {
        const result = fn();
        depth -= 1;
        db.exec(depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
        return result;
      } catch (error) {
        depth -= 1;
        db.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
        throw error;
      }
    },
    close() {
      // Statements live in the WebAssembly heap: finalize them, or closing leaks them.
      for (const raw of prepared) {
        try {
          raw.finalize();
        } catch {
          // the statement's last error was reported when it happened
        }
      }
      prepared.clear();
      cache.clear();
      db.close();
    },
  };
}
