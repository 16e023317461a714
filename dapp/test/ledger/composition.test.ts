import { describe, expect, it } from 'vitest';
import { getAddress, type Address } from 'viem';
import type { BalanceExtension } from '../../src/ledger/index.js';
import { stateDigest } from '../../src/storage/stateDigest.js';
import { bulkOpenStreams } from '../../bench/lib/bulkOpenStreams.js';
import { ALICE, BOB, CAROL, OTHER_TOKEN, TOKEN, expectRejected, freshLedger } from './fixtures.js';

describe('composition primitives', () => {
  it('credit and debit move value in and out without touching the supply', () => {
    const { db, ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 0n);
    ledger.debit(TOKEN, ALICE, 60n, 1n);
    expect(ledger.balanceOf(TOKEN, ALICE, 1n).available).toBe(40n);
    ledger.credit(TOKEN, BOB, 60n, 2n);
    expect(ledger.balanceOf(TOKEN, BOB, 2n).available).toBe(60n);
    expect(ledger.totalSupply(TOKEN)).toBe(100n);
    expectRejected(db, 'INSUFFICIENT_AVAILABLE', () => ledger.debit(TOKEN, ALICE, 41n, 3n));
    expectRejected(db, 'INVALID_AMOUNT', () => ledger.credit(TOKEN, ALICE, -1n, 3n));
  });

  it('mint and burn change the supply; burn is limited to available', () => {
    const { db, ledger } = freshLedger();
    ledger.mint(OTHER_TOKEN, ALICE, 50n, 0n);
    ledger.burn(OTHER_TOKEN, ALICE, 20n, 1n);
    expect(ledger.totalSupply(OTHER_TOKEN)).toBe(30n);
    expectRejected(db, 'INSUFFICIENT_AVAILABLE', () => ledger.burn(OTHER_TOKEN, ALICE, 31n, 2n));
  });

  it('adds an extension to every balance and books what it releases at a debit it must cover', () => {
    const { ledger } = freshLedger();
    const settled: string[] = [];
    let paid = false;
    const ext: BalanceExtension = {
      settle(token, account, t) {
        settled.push(`${account}@${t}`);
        if (!paid && getAddress(account) === getAddress(ALICE) && getAddress(token) === getAddress(TOKEN) && t >= 10n) {
          paid = true;
          return 7n; // the extension reports; the ledger books
        }
        return 0n;
      },
      view(token, account, t) {
        const mine = getAddress(account) === getAddress(ALICE) && getAddress(token) === getAddress(TOKEN);
        return {
          owed: mine && !paid && t >= 10n ? 7n : 0n,
          locked: mine ? 3n : 0n,
          owedRateX64: 0n,
          lockedRateX64: mine ? -(1n << 64n) : 0n,
          validUntil: mine ? 20n : null,
        };
      },
    };
    ledger.addExtension(ext);
    ledger.deposit(TOKEN, ALICE, 5n, 0n);
    expect(ledger.balanceOf(TOKEN, ALICE, 10n)).toEqual({
      balance: 15n,
      available: 12n,
      locked: 3n,
      rateX64: -(1n << 64n),
      availableRateX64: 0n,
      validUntil: 20n,
    });
    ledger.transfer(TOKEN, ALICE, BOB, 12n, 10n);
    expect(settled).toContain(`${ALICE}@10`);
    expect(ledger.balanceOf(TOKEN, ALICE, 10n)).toMatchObject({ available: 0n, locked: 3n });
  });
});

describe('extensions at a debit', () => {
  it('are asked to settle only when the ledger’s own available cannot cover the debit', () => {
    const { db, ledger } = freshLedger();
    const settled: bigint[] = [];
    ledger.addExtension({
      settle: (_token, _account, t) => {
        settled.push(t);
        return 0n;
      },
      view: () => ({ owed: 0n, locked: 0n, owedRateX64: 0n, lockedRateX64: 0n, validUntil: null }),
    });
    ledger.deposit(TOKEN, ALICE, 10n, 0n);
    ledger.transfer(TOKEN, ALICE, BOB, 10n, 1n);
    expect(settled).toEqual([]);
    expectRejected(db, 'INSUFFICIENT_AVAILABLE', () => ledger.transfer(TOKEN, ALICE, BOB, 1n, 2n));
    expect(settled).toEqual([2n]);
    // an account the ledger has never seen may still be owed by an extension
    expectRejected(db, 'INSUFFICIENT_AVAILABLE', () => ledger.transfer(TOKEN, CAROL, BOB, 1n, 3n));
    expect(settled).toEqual([2n, 3n]);
  });
});

describe('the extension seam', () => {
  it('keeps the stream starts that came due when a debit books what an extension releases (issue 11)', () => {
    const { ledger } = freshLedger();
    ledger.addExtension({
      settle: (_token, account, t) => (getAddress(account) === getAddress(ALICE) && t === 20n ? 50n : 0n),
      view: () => ({ owed: 0n, locked: 0n, owedRateX64: 0n, lockedRateX64: 0n, validUntil: null }),
    });
    ledger.deposit(TOKEN, BOB, 100n, 0n);
    ledger.openStream(TOKEN, BOB, ALICE, 100n, 10n, 100n, 0n); // starts at 10, Alice last settled at 0
    ledger.transfer(TOKEN, ALICE, CAROL, 30n, 20n); // own available 10 < 30: the extension releases 50
    expect(ledger.balanceOf(TOKEN, ALICE, 20n)).toMatchObject({ available: 30n, availableRateX64: 1n << 64n });
    expect(ledger.balanceOf(TOKEN, ALICE, 110n).available).toBe(120n);
    ledger.transfer(TOKEN, ALICE, CAROL, 120n, 110n); // (the extension’s 50 came from outside the supply: a transfer, not a withdraw)
    expect(ledger.balanceOf(TOKEN, BOB, 110n)).toMatchObject({ balance: 0n, locked: 0n });
  });

  it('books what the calling extension released in the same pass as its debit, without calling any extension', () => {
    const { db, ledger } = freshLedger();
    let calls = 0;
    ledger.addExtension({
      settle: () => {
        calls += 1;
        return 0n;
      },
      view: () => ({ owed: 0n, locked: 0n, owedRateX64: 0n, lockedRateX64: 0n, validUntil: null }),
    });
    ledger.deposit(TOKEN, BOB, 100n, 0n);
    ledger.openStream(TOKEN, BOB, ALICE, 100n, 10n, 100n, 0n);
    expect(ledger.ownAvailable(TOKEN, ALICE, 20n)).toBe(10n);
    ledger.debit(TOKEN, ALICE, 40n, 20n, 35n);
    expect(ledger.balanceOf(TOKEN, ALICE, 20n).available).toBe(5n);
    expect(ledger.balanceOf(TOKEN, ALICE, 110n).available).toBe(95n);
    expectRejected(db, 'INSUFFICIENT_AVAILABLE', () => ledger.debit(TOKEN, ALICE, 100n, 110n, 4n));
    ledger.burn(TOKEN, ALICE, 99n, 110n, 4n);
    expect(ledger.totalSupply(TOKEN)).toBe(1n);
    expect(calls).toBe(0);
  });
});

describe('streamsOf', () => {
  it('lists an account’s streams newest first with totals, by direction', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 0n);
    ledger.deposit(OTHER_TOKEN, ALICE, 100n, 0n);
    const a = ledger.openStream(TOKEN, ALICE, BOB, 10n, 0n, 10n, 0n);
    const b = ledger.openStream(OTHER_TOKEN, ALICE, CAROL, 10n, 0n, 10n, 0n);
    const c = ledger.openStream(TOKEN, ALICE, BOB, 10n, 0n, 10n, 0n);
    const out = ledger.streamsOf(ALICE, 'outgoing', 5n, { limit: 2, offset: 0 });
    expect(out.total).toBe(3);
    expect(out.streams.map((s) => s.id)).toEqual([c, b]);
    expect(ledger.streamsOf(ALICE, 'outgoing', 5n, { limit: 2, offset: 2 }).streams.map((s) => s.id)).toEqual([a]);
    const inc = ledger.streamsOf(BOB, 'incoming', 5n, { limit: 10, offset: 0 });
    expect(inc.total).toBe(2);
    expect(inc.streams.map((s) => [s.id, s.streamed, s.sender])).toEqual([
      [c, 5n, getAddress(ALICE)],
      [a, 5n, getAddress(ALICE)],
    ]);
    expect(ledger.streamsOf(BOB, 'outgoing', 5n, { limit: 10, offset: 0 })).toEqual({ streams: [], total: 0 });
    expect(ledger.accountTokens(ALICE)).toEqual([getAddress(TOKEN), getAddress(OTHER_TOKEN)]);
  });
});

describe('bench bulk path', () => {
  it('produces exactly the state of the same streams opened one by one', () => {
    const receivers: Address[] = [BOB, CAROL, '0x00000000000000000000000000000000000000d4'];
    const streams = Array.from({ length: 30 }, (_, i) => ({
      sender: i % 2 === 0 ? ALICE : BOB,
      receiver: receivers[(i * 7) % 3] === (i % 2 === 0 ? ALICE : BOB) ? CAROL : receivers[(i * 7) % 3]!,
      amount: 10n ** 18n + BigInt(i) * 12345n,
      duration: 100n + BigInt((i * 37) % 50),
    }));
    const one = freshLedger();
    const bulk = freshLedger();
    for (const { ledger } of [one, bulk]) {
      ledger.deposit(TOKEN, ALICE, 10n ** 20n, 5n);
      ledger.deposit(TOKEN, BOB, 10n ** 20n, 5n);
    }
    for (const s of streams) one.ledger.openStream(TOKEN, s.sender, s.receiver, s.amount, 0n, s.duration, 10n);
    bulkOpenStreams(bulk.db, bulk.ledger, TOKEN, streams, 10n);
    expect(stateDigest(bulk.db)).toBe(stateDigest(one.db));
    expectRejected(bulk.db, 'INSUFFICIENT_AVAILABLE', () =>
      bulkOpenStreams(bulk.db, bulk.ledger, TOKEN, [{ sender: CAROL, receiver: BOB, amount: 10n ** 30n, duration: 5n }], 11n),
    );
  });
});
