import { describe, expect, it } from 'vitest';
import { AggregateStore } from '../../src/ledger/aggregate.js';
import { encodeAddress } from '../../src/ledger/codec.js';
import { ALICE, BOB, TOKEN, freshLedger } from './fixtures.js';

describe('schedule walk', () => {
  it('processes every due start and end once, also when many fall on the same second and span several pages', () => {
    const { db, ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 1000n, 0n);
    for (let i = 0; i < 7; i++) ledger.openStream(TOKEN, ALICE, BOB, 10n, 0n, 10n, 0n);
    for (let i = 0; i < 5; i++) ledger.openStream(TOKEN, ALICE, BOB, 10n, 5n, 5n, 1n);
    const id = (address: string, table: string) =>
      db.prepare(`SELECT id FROM ${table} WHERE address = ?`).get<{ id: bigint }>(encodeAddress(address as never))!.id;
    const [bob, alice, tok] = [id(BOB, 'ledger_account'), id(ALICE, 'ledger_account'), id(TOKEN, 'ledger_token')];
    for (const [account, t] of [[bob, 7n], [bob, 10n], [alice, 7n], [alice, 10n]] as const) {
      const paged = new AggregateStore(db, 2n);
      const whole = new AggregateStore(db, 1000n);
      expect(paged.project(account, tok, paged.load(account, tok)!, t)).toEqual(whole.project(account, tok, whole.load(account, tok)!, t));
    }
    expect(ledger.balanceOf(TOKEN, BOB, 10n).available).toBe(120n);
    ledger.transfer(TOKEN, BOB, ALICE, 120n, 10n);
    expect(ledger.balanceOf(TOKEN, ALICE, 10n)).toMatchObject({ available: 1000n, locked: 0n, validUntil: null });
  });
});
