import { openBetterSqlite } from './betterSqlite.js';
import type { SqlDatabase } from './SqlDatabase.js';

/** Opens the back-end's database. The SQLite binding is chosen here and nowhere else. */
export function openDatabase(path = ':memory:'): SqlDatabase {
  return openBetterSqlite(path);
}
