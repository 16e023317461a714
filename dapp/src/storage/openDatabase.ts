import { env } from 'node:process';
import { openBetterSqlite } from './betterSqlite.js';
import type { SqlDatabase } from './SqlDatabase.js';
import { openWasmSqlite } from './wasmSqlite.js';

export type SqliteBinding = 'better' | 'wasm';

/**
 * The binding this process uses: `STREAMSWAP_SQLITE=better|wasm` when set, otherwise the native
 * better-sqlite3, on the host and on riscv64 (the Cartesi machine) alike: `npm run test:riscv` compiles it
 * there and runs every back-end test on it. The WebAssembly build is the fallback for a machine where no
 * compiler is at hand (docs/riscv.md has the figures of both).
 */
export function sqliteBinding(): SqliteBinding {
  const chosen = env.STREAMSWAP_SQLITE;
  if (chosen === 'better' || chosen === 'wasm') return chosen;
  if (chosen !== undefined && chosen !== '') {
    throw new Error(`STREAMSWAP_SQLITE must be "better" or "wasm", got "${chosen}".`);
  }
  return 'better';
}

/**
 * `STREAMSWAP_SQLITE_DURABILITY=machine` (set by the Cartesi machine's init, machine/app/env): nothing inside
 * the machine needs SQLite's own durability, because the machine's state is the durable record (a rejected
 * input is undone by rolling the whole machine back). So the rollback journal stays in memory and nothing is
 * fsynced, whatever the binding (the WebAssembly one already runs so). Unset (host mode): each binding's
 * defaults, WAL with synchronous=NORMAL for better-sqlite3. docs/machine.md has what each setting changed.
 */
const MACHINE_PRAGMAS = 'PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;';

/** Opens the back-end's database. The SQLite binding is chosen here and nowhere else. */
export function openDatabase(path = ':memory:', binding: SqliteBinding = sqliteBinding()): SqlDatabase {
  const db = binding === 'wasm' ? openWasmSqlite(path) : openBetterSqlite(path);
  const durability = env.STREAMSWAP_SQLITE_DURABILITY;
  if (durability === 'machine') {
    if (path !== ':memory:') db.exec(MACHINE_PRAGMAS);
  } else if (durability !== undefined && durability !== '') {
    throw new Error(`STREAMSWAP_SQLITE_DURABILITY must be "machine" or unset, got "${durability}".`);
  }
  return db;
}
