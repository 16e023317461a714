import { createHash } from 'node:crypto';
import type { Hex } from 'viem';
import type { SqlDatabase, SqlValue } from './SqlDatabase.js';

/**
 * A canonical hash of the whole database: every user table in name order, its column names, and every
 * row ordered by all its columns. Values are framed with a type tag and a length so that no two different
 * states can encode to the same bytes. Two databases built by replaying the same inputs give the same digest,
 * whatever their page layout, free lists or binding. SHA-256 (node:crypto) hashes incrementally, so large
 * databases do not need to fit in memory as one buffer. Tables named `replica_*` are left out: the back-end never
 * creates one, and a replica (the reader) keeps its cursor there, in the same database and transaction as the state.
 */
export function stateDigest(db: SqlDatabase): Hex {
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'replica\\_%' ESCAPE '\\' ORDER BY name")
    .all<{ name: string }>();
  for (const { name } of tables) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all<{ name: string }>(name);
    frame(hash, 'T', Buffer.from(name, 'utf8'));
    for (const c of columns) frame(hash, 'C', Buffer.from(c.name, 'utf8'));
    const order = columns.map((_, i) => String(i + 1)).join(', ');
    const quoted = `"${name.replaceAll('"', '""')}"`;
    for (const row of db.prepare(`SELECT * FROM ${quoted} ORDER BY ${order}`).all<Record<string, SqlValue>>()) {
      frame(hash, 'R', Buffer.alloc(0));
      for (const c of columns) frameValue(hash, row[c.name] ?? null);
    }
  }
  return `0x${hash.digest('hex')}`;
}

type Hash = ReturnType<typeof createHash>;

function frame(hash: Hash, tag: string, bytes: Uint8Array): void {
  const header = Buffer.alloc(5);
  header.write(tag, 0, 'latin1');
  header.writeUInt32BE(bytes.length, 1);
  hash.update(header);
  hash.update(bytes);
}

function frameValue(hash: Hash, value: SqlValue): void {
  if (value === null) frame(hash, 'N', Buffer.alloc(0));
  else if (typeof value === 'bigint') frame(hash, 'I', Buffer.from(value.toString(), 'latin1'));
  else if (typeof value === 'number') frame(hash, Number.isInteger(value) ? 'I' : 'F', Buffer.from(String(value), 'latin1'));
  else if (typeof value === 'string') frame(hash, 'S', Buffer.from(value, 'utf8'));
  else frame(hash, 'B', value);
}
