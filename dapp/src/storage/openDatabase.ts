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

/** Opens the back-end's database. The SQLite binding is chosen here and nowhere else. */
export function openDatabase(path = ':memory:', binding: SqliteBinding = sqliteBinding()): SqlDatabase {
  return binding === 'wasm' ? openWasmSqlite(path) : openBetterSqlite(path);
}
