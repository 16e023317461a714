import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteBinding } from './openDatabase.js';

const bindings: SqliteBinding[] = ['better', 'wasm'];
const dir = mkdtempSync(join(tmpdir(), 'streamswap-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.STREAMSWAP_SQLITE_DURABILITY;
});

describe.each(bindings)('STREAMSWAP_SQLITE_DURABILITY with the %s binding', (binding) => {
  const pragmas = (path: string) => {
    const db = openDatabase(path, binding);
    // all(), not get(): with the WebAssembly binding a PRAGMA statement read with get() stays open and holds
    // a transaction, which would swallow the rollback checked below (seen 2026-11-28; the app reads no PRAGMA).
    const journal = db.prepare('PRAGMA journal_mode').all<{ journal_mode: string }>()[0]?.journal_mode;
    const synchronous = db.prepare('PRAGMA synchronous').all<{ synchronous: bigint }>()[0]?.synchronous;
    return { db, journal, synchronous };
  };

  it('machine: the journal stays in memory and nothing is fsynced, and a failed transaction still rolls back whole', () => {
    process.env.STREAMSWAP_SQLITE_DURABILITY = 'machine';
    const { db, journal, synchronous } = pragmas(join(dir, `machine-${binding}.sqlite`));
    expect(journal).toBe('memory');
    expect(synchronous).toBe(0n);
    db.exec('CREATE TABLE t (n INTEGER)');
    db.prepare('INSERT INTO t (n) VALUES (?)').run(1n);
    expect(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO t (n) VALUES (?)').run(2n);
        throw new Error('rejected input');
      }),
    ).toThrow('rejected input');
    expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 1n });
    db.close();
  });

  it('unset (host mode): the binding keeps its own settings', () => {
    const { db, journal } = pragmas(join(dir, `host-${binding}.sqlite`));
    expect(journal).toBe(binding === 'better' ? 'wal' : 'memory');
    db.close();
  });

  it('any other value is refused with the allowed one named', () => {
    process.env.STREAMSWAP_SQLITE_DURABILITY = 'fast';
    expect(() => openDatabase(':memory:', binding)).toThrow('STREAMSWAP_SQLITE_DURABILITY must be "machine" or unset, got "fast".');
  });
});
