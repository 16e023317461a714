import { describe, expect, it } from 'vitest';
import { openDatabase } from './openDatabase.js';
import { stateDigest } from './stateDigest.js';

function db(sql: string) {
  const d = openDatabase(':memory:');
  d.exec(sql);
  return d;
}

describe('stateDigest', () => {
  it('does not depend on the order rows were inserted in', () => {
    const a = db("CREATE TABLE t (k INTEGER, v TEXT); INSERT INTO t VALUES (1, 'a'); INSERT INTO t VALUES (2, 'b');");
    const b = db("CREATE TABLE t (k INTEGER, v TEXT); INSERT INTO t VALUES (2, 'b'); INSERT INTO t VALUES (1, 'a');");
    expect(stateDigest(a)).toBe(stateDigest(b));
  });

  it('tells apart values of different types, tables and row boundaries', () => {
    const digests = [
      "CREATE TABLE t (v); INSERT INTO t VALUES (1);",
      "CREATE TABLE t (v); INSERT INTO t VALUES ('1');",
      "CREATE TABLE t (v); INSERT INTO t VALUES (x'01');",
      "CREATE TABLE t (v); INSERT INTO t VALUES (NULL);",
      "CREATE TABLE u (v); INSERT INTO u VALUES (1);",
      "CREATE TABLE t (w); INSERT INTO t VALUES (1);",
      "CREATE TABLE t (v); INSERT INTO t VALUES (1); INSERT INTO t VALUES (1);",
      "CREATE TABLE t (v, w); INSERT INTO t VALUES ('ab', '');",
      "CREATE TABLE t (v, w); INSERT INTO t VALUES ('a', 'b');",
    ].map((sql) => stateDigest(db(sql)));
    expect(new Set(digests).size).toBe(digests.length);
  });

  it('changes when a value changes and is a 32-byte hex string', () => {
    const d = db('CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (5);');
    const before = stateDigest(d);
    expect(before).toMatch(/^0x[0-9a-f]{64}$/);
    d.exec('UPDATE t SET v = 6');
    expect(stateDigest(d)).not.toBe(before);
  });
});
