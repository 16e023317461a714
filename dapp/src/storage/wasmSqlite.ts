import { createRequire } from 'node:module';
import { arch } from 'node:process';
import { setFlagsFromString } from 'node:v8';
import type * as WasmModule from 'node-sqlite3-wasm';
import type { RunResult, SqlDatabase, SqlStatement, SqlValue } from './SqlDatabase.js';

type WasmRow = Record<string, SqlValue>;

let loaded: typeof WasmModule | undefined;

/**
 * Loads node-sqlite3-wasm on first use. On riscv64, V8 must then run its WebAssembly with one compiler
 * tier only: with the default Liftoff-to-TurboFan tier-up, SQLite starts failing (SQLITE_MISUSE on the
 * ~100th sqlite3_open_v2 of a process, seen under qemu-user riscv64 with Node 20.19; docs/riscv.md), while
 * --liftoff-only and --no-liftoff both run it correctly. The flag must be set before the module compiles.
 */
function wasmSqlite(): typeof WasmModule {
  if (!loaded) {
    if (arch === 'riscv64') setFlagsFromString('--liftoff-only');
    loaded = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof WasmModule;
  }
  return loaded;
}

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

/**
 * The parts of node-sqlite3-wasm's Statement (0.8.x) that its public get/all are made of. The public calls
 * re-read every column name from the WebAssembly heap on each query (one string conversion per column) and
 * go through a generator; under riscv64 emulation that overhead is a visible share of a ledger operation.
 * A prepared statement's column names cannot change for the statements the back-end prepares (explicit
 * select lists; SQLite re-prepares on schema change with the same names), so they are read once.
 * `fastPathOf` checks these members exist and falls back to the public API otherwise.
 */
interface StatementInternals {
  _assertReady(): void;
  _bind(values: SqlValue[] | undefined): void;
  _step(): boolean;
  _getColumnNames(): string[];
  _getRow(columns: string[], expand: boolean): WasmRow;
}

function fastPathOf(raw: object): StatementInternals | undefined {
  const r = raw as Partial<StatementInternals>;
  return typeof r._assertReady === 'function' &&
    typeof r._bind === 'function' &&
    typeof r._step === 'function' &&
    typeof r._getColumnNames === 'function' &&
    typeof r._getRow === 'function'
    ? (r as StatementInternals)
    : undefined;
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
  const db = new (wasmSqlite().Database)(path);
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

  const api: SqlDatabase = {
    prepare(sql) {
      let stmt = cache.get(sql);
      if (!stmt) {
        const raw = db.prepare(sql);
        prepared.add(raw);
        const fast = fastPathOf(raw);
        let columns: string[] | undefined;
        // `SELECT *` follows the table's columns, which a schema change could alter: read those names each time.
        const stableColumns = !sql.includes('*');
        stmt = {
          run: (...params: SqlValue[]): RunResult =>
            guarded(sql, raw, () => {
              const r = raw.run(bindable(params));
              return { changes: Number(r.changes), lastInsertRowid: BigInt(r.lastInsertRowid) };
            }),
          get: <Row>(...params: SqlValue[]) =>
            guarded(sql, raw, () => {
              let row: WasmRow | null;
              if (fast) {
                fast._assertReady();
                fast._bind(bindable(params));
                const names = columns ?? fast._getColumnNames();
                if (stableColumns) columns = names;
                row = fast._step() ? fast._getRow(names, false) : null;
              } else {
                row = raw.get(bindable(params)) as WasmRow | null;
              }
              return (row === null ? undefined : toBigintRow(row)) as Row | undefined;
            }),
          all: <Row>(...params: SqlValue[]) =>
            guarded(sql, raw, () => {
              if (!fast) return (raw.all(bindable(params)) as WasmRow[]).map(toBigintRow) as Row[];
              fast._assertReady();
              fast._bind(bindable(params));
              const names = columns ?? fast._getColumnNames();
              if (stableColumns) columns = names;
              const rows: WasmRow[] = [];
              while (fast._step()) rows.push(toBigintRow(fast._getRow(names, false)));
              return rows as Row[];
            }),
        };
        cache.set(sql, stmt);
      }
      return stmt;
    },
    exec: (sql) => db.exec(sql),
    // Same contract as better-sqlite3's db.transaction(fn)(): the outermost call is BEGIN/COMMIT, nested
    // calls are savepoints, and a throw undoes exactly what its own call did before rethrowing. The control
    // statements are prepared once (the cache above) rather than parsed by exec on every call: a ledger
    // operation nests several transactions.
    transaction<T>(fn: () => T): T {
      const savepoint = `sp${depth}`;
      api.prepare(depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`).run();
      depth += 1;
      try {
        const result = fn();
        depth -= 1;
        api.prepare(depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`).run();
        return result;
      } catch (error) {
        depth -= 1;
        if (depth === 0) {
          api.prepare('ROLLBACK').run();
        } else {
          api.prepare(`ROLLBACK TO ${savepoint}`).run();
          api.prepare(`RELEASE ${savepoint}`).run();
        }
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
  return api;
}
