import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import { AppError } from '@streamswap/protocol';
import { Ledger } from '../../src/ledger/index.js';
import { openDatabase, type SqliteBinding } from '../../src/storage/openDatabase.js';
import { stateDigest } from '../../src/storage/stateDigest.js';
import { OTHER_TOKEN, TOKEN } from './fixtures.js';

const ACCOUNTS: Address[] = ['0x00000000000000000000000000000000000000a1', '0x00000000000000000000000000000000000000b2', '0x00000000000000000000000000000000000000c3'];

type LogEntry = [kind: number, a: number, b: number, amount: bigint, x: bigint, y: bigint, dt: bigint, token: number];

const logArb = fc.array(
  fc.tuple(
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 2 }),
    fc.bigInt({ min: 1n, max: 10n ** 20n }),
    fc.bigInt({ min: 0n, max: 20n }),
    fc.bigInt({ min: 0n, max: 100n }),
    fc.bigInt({ min: 0n, max: 10n }),
    fc.integer({ min: 0, max: 1 }),
  ),
  { minLength: 1, maxLength: 60 },
);

/** Replays an operation log; rejected operations are part of the log too (they must change nothing). */
function replay(log: LogEntry[], binding?: SqliteBinding): string {
  const db = openDatabase(':memory:', binding);
  const ledger = new Ledger(db);
  let t = 100n;
  let streams = 0n;
  for (const [kind, a, b, amount, x, y, dt, tokenIndex] of log) {
    t += dt;
    const token = tokenIndex === 0 ? TOKEN : OTHER_TOKEN;
    try {
      run(ledger, kind, token, ACCOUNTS[a]!, ACCOUNTS[b]!, amount, x, y, t, streams);
      if (kind === 2) streams += 1n;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  }
  const digest = stateDigest(db);
  db.close();
  return digest;
}

function run(ledger: Ledger, kind: number, token: Address, a: Address, b: Address, amount: bigint, x: bigint, y: bigint, t: bigint, streams: bigint) {
  if (kind === 0) ledger.deposit(token, a, amount, t);
  else if (kind === 1) ledger.transfer(token, a, b, amount / 3n, t);
  else if (kind === 2) ledger.openStream(token, a, b, amount / 4n, x === 0n ? 0n : t + x, y, t);
  else if (kind === 3) ledger.cancelStream(streams === 0n ? 1n : (x % streams) + 1n, a, t);
  else ledger.withdraw(token, a, amount / 5n, t);
}

describe('determinism', () => {
  it('replaying the same operation log into a fresh database gives the same state digest', () => {
    fc.assert(
      fc.property(logArb, (log) => {
        expect(replay(log)).toBe(replay(log));
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same digest on both SQLite bindings', () => {
    fc.assert(
      fc.property(logArb, (log) => {
        expect(replay(log, 'wasm')).toBe(replay(log, 'better'));
      }),
      { numRuns: 20 },
    );
  });

  it('gives a different digest when one operation differs', () => {
    const log: LogEntry[] = [
      [0, 0, 1, 1000n, 0n, 0n, 0n, 0],
      [2, 0, 1, 400n, 0n, 50n, 1n, 0],
    ];
    const changed: LogEntry[] = [log[0]!, [2, 0, 1, 404n, 0n, 50n, 1n, 0]];
    expect(replay(log)).not.toBe(replay(changed));
  });
});
