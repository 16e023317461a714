import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, sqliteBinding, type SqliteBinding } from './openDatabase.js';

// Both bindings run side by side, on the host and under riscv64 (npm run test:riscv).
const bindings: SqliteBinding[] = ['better', 'wasm'];
const dir = mkdtempSync(join(tmpdir(), 'streamswap-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(bindings)('the %s SQLite binding', (binding) => {
  const open = (path = ':memory:') => {
    const db = openDatabase(path, binding);
    db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT, b BLOB)');
    return db;
  };

  it('returns every integer as bigint, small, negative and beyond 2^53 alike', () => {
    const db = open();
    const values = [0n, 7n, -3n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n)];
    for (const n of values) db.prepare('INSERT INTO t (n) VALUES (?)').run(n);
    const rows = db.prepare('SELECT id, n FROM t ORDER BY id').all<{ id: bigint; n: bigint }>();
    expect(rows.map((r) => r.n)).toEqual(values);
    expect(rows.map((r) => typeof r.id)).toEqual(values.map(() => 'bigint'));
    expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 6n });
    db.close();
  });

  it('reports changes as a number and the last rowid as a bigint', () => {
    const db = open();
    const first = db.prepare('INSERT INTO t (n) VALUES (?)').run(1n);
    expect(first).toEqual({ changes: 1, lastInsertRowid: 1n });
    db.prepare('INSERT INTO t (n) VALUES (?)').run(2n);
    expect(db.prepare('UPDATE t SET n = n + 1').run().changes).toBe(2);
    db.close();
  });

  it('round-trips text, blobs and null, and answers undefined for a missing row', () => {
    const db = open();
    db.prepare('INSERT INTO t (n, s, b) VALUES (?, ?, ?)').run(null, 'naïve ✓', new Uint8Array([0, 255, 16]));
    const row = db.prepare('SELECT n, s, b FROM t WHERE id = ?').get<{ n: null; s: string; b: Uint8Array }>(1n);
    expect(row?.n).toBeNull();
    expect(row?.s).toBe('naïve ✓');
    expect([...(row?.b ?? [])]).toEqual([0, 255, 16]);
    expect(db.prepare('SELECT n FROM t WHERE id = ?').get(99n)).toBeUndefined();
    expect(db.prepare('SELECT n FROM t WHERE id = ?').all(99n)).toEqual([]);
    db.close();
  });

  it('rolls back a throwing nested transaction alone and a throwing outer one entirely', () => {
    const db = open();
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const all = () => db.prepare('SELECT n FROM t ORDER BY id').all<{ n: bigint }>().map((r) => r.n);
    db.transaction(() => {
      insert.run(1n);
      expect(() =>
        db.transaction(() => {
          insert.run(2n);
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
      insert.run(3n);
    });
    expect(all()).toEqual([1n, 3n]);
    expect(() =>
      db.transaction(() => {
        insert.run(4n);
        db.transaction(() => insert.run(5n));
        throw new Error('outer fails');
      }),
    ).toThrow('outer fails');
    expect(all()).toEqual([1n, 3n]);
    expect(db.transaction(() => 42)).toBe(42);
    db.close();
  });

  it('keeps a file database across close and reopen', () => {
    const path = join(dir, `${binding}.sqlite`);
    const db = open(path);
    db.transaction(() => db.prepare('INSERT INTO t (n, s) VALUES (?, ?)').run(2n ** 60n, 'kept'));
    db.close();
    const again = open(path);
    expect(again.prepare('SELECT n, s FROM t').all()).toEqual([{ n: 2n ** 60n, s: 'kept' }]);
    again.close();
  });

  it('rejects SQL errors with an exception and changes nothing', () => {
    const db = open();
    db.prepare('INSERT INTO t (id, n) VALUES (?, ?)').run(1n, 1n);
    expect(() => db.transaction(() => db.prepare('INSERT INTO t (id, n) VALUES (?, ?)').run(1n, 2n))).toThrow();
    expect(db.prepare('SELECT n FROM t').all()).toEqual([{ n: 1n }]);
    // the statement that failed (kept in the statement cache) still works afterwards
    db.prepare('INSERT INTO t (id, n) VALUES (?, ?)').run(2n, 2n);
    expect(db.prepare('SELECT n FROM t ORDER BY id').all()).toEqual([{ n: 1n }, { n: 2n }]);
    db.close();
  });
});

describe('openDatabase', () => {
  it('uses better-sqlite3 on every architecture unless STREAMSWAP_SQLITE says otherwise', () => {
    const saved = process.env.STREAMSWAP_SQLITE;
    try {
      delete process.env.STREAMSWAP_SQLITE;
      expect(sqliteBinding()).toBe('better');
      process.env.STREAMSWAP_SQLITE = 'wasm';
      expect(sqliteBinding()).toBe('wasm');
      process.env.STREAMSWAP_SQLITE = 'sqlite4';
      expect(() => sqliteBinding()).toThrow('STREAMSWAP_SQLITE must be "better" or "wasm", got "sqlite4".');
    } finally {
      if (saved === undefined) delete process.env.STREAMSWAP_SQLITE;
      else process.env.STREAMSWAP_SQLITE = saved;
    }
  });
});
