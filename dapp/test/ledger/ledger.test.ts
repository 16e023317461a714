import { describe, expect, it } from 'vitest';
import { getAddress } from 'viem';
import { stateDigest } from '../../src/storage/stateDigest.js';
import { ALICE, BOB, CAROL, OTHER_TOKEN, TOKEN, expectRejected, freshLedger } from './fixtures.js';

describe('deposit', () => {
  it('mints to the account and grows the total supply', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 10n);
    ledger.deposit(TOKEN, ALICE, 5n, 11n);
    expect(ledger.balanceOf(TOKEN, ALICE, 11n)).toMatchObject({ balance: 105n, available: 105n, locked: 0n, rateX64: 0n, validUntil: null });
    expect(ledger.totalSupply(TOKEN)).toBe(105n);
    expect(ledger.tokens()).toEqual([{ token: getAddress(TOKEN), totalSupply: 105n, withdrawable: true }]);
    expect(ledger.accountTokens(ALICE)).toEqual([getAddress(TOKEN)]);
  });

  it('rejects a zero deposit without changing anything', () => {
    const { db, ledger } = freshLedger();
    expectRejected(db, 'INVALID_AMOUNT', () => ledger.deposit(TOKEN, ALICE, 0n, 1n));
  });

  it('rejects an amount above 2^256 - 1', () => {
    const { db, ledger } = freshLedger();
    expectRejected(db, 'VALUE_OUT_OF_RANGE', () => ledger.deposit(TOKEN, ALICE, 2n ** 256n, 1n));
  });

  it('keeps amounts up to 2^256 - 1 exactly', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 2n ** 256n - 1n, 1n);
    expect(ledger.balanceOf(TOKEN, ALICE, 1n).available).toBe(2n ** 256n - 1n);
    expect(ledger.totalSupply(TOKEN)).toBe(2n ** 256n - 1n);
  });
});

describe('transfer', () => {
  it('moves available value at once', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 1n);
    ledger.transfer(TOKEN, ALICE, BOB, 40n, 2n);
    expect(ledger.balanceOf(TOKEN, ALICE, 2n).available).toBe(60n);
    expect(ledger.balanceOf(TOKEN, BOB, 2n).available).toBe(40n);
    expect(ledger.totalSupply(TOKEN)).toBe(100n);
  });

  it('rejects spending more than available, a self transfer and a zero amount', () => {
    const { db, ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 1n);
    expectRejected(db, 'INSUFFICIENT_AVAILABLE', () => ledger.transfer(TOKEN, ALICE, BOB, 101n, 2n));
    expectRejected(db, 'INSUFFICIENT_AVAILABLE', () => ledger.transfer(OTHER_TOKEN, ALICE, BOB, 1n, 2n));
    expectRejected(db, 'INSUFFICIENT_AVAILABLE', () => ledger.transfer(TOKEN, CAROL, BOB, 1n, 2n));
    expectRejected(db, 'SELF_TRANSFER', () => ledger.transfer(TOKEN, ALICE, ALICE.toUpperCase().replace('0X', '0x') as never, 1n, 2n));
    expectRejected(db, 'INVALID_AMOUNT', () => ledger.transfer(TOKEN, ALICE, BOB, 0n, 2n));
    expectRejected(db, 'INVALID_ADDRESS', () => ledger.transfer(TOKEN, ALICE, '0x1234' as never, 1n, 2n));
  });
});

describe('openStream', () => {
  it('escrows the whole amount and pays it by the second, exactly in total', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 1000n, 0n);
    const id = ledger.openStream(TOKEN, ALICE, BOB, 100n, 0n, 3n, 10n);
    expect(id).toBe(1n);
    expect(ledger.balanceOf(TOKEN, ALICE, 10n)).toMatchObject({ available: 900n, locked: 100n, balance: 1000n, validUntil: 13n });
    expect(ledger.balanceOf(TOKEN, BOB, 11n)).toMatchObject({ available: 33n, balance: 33n });
    expect(ledger.balanceOf(TOKEN, ALICE, 11n)).toMatchObject({ available: 900n, locked: 67n, balance: 967n });
    expect(ledger.balanceOf(TOKEN, BOB, 12n).available).toBe(66n);
    expect(ledger.balanceOf(TOKEN, BOB, 13n)).toMatchObject({ available: 100n, availableRateX64: 0n, validUntil: null });
    expect(ledger.balanceOf(TOKEN, ALICE, 13n)).toMatchObject({ available: 900n, locked: 0n, balance: 900n, rateX64: 0n });
    expect(ledger.stream(id, 12n)).toMatchObject({ status: 'streaming', streamed: 66n, remaining: 34n, end: 13n, canceledAt: null });
    expect(ledger.stream(id, 13n)).toMatchObject({ status: 'settled', streamed: 100n, remaining: 0n });
  });

  it('shows the rates scaled by 2^64', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 1000n, 0n);
    ledger.openStream(TOKEN, ALICE, BOB, 100n, 0n, 4n, 0n);
    expect(ledger.balanceOf(TOKEN, BOB, 1n)).toMatchObject({ rateX64: 25n << 64n, availableRateX64: 25n << 64n });
    expect(ledger.balanceOf(TOKEN, ALICE, 1n)).toMatchObject({ rateX64: -(25n << 64n), availableRateX64: 0n });
    expect(ledger.stream(1n, 1n)?.rateX64).toBe(25n << 64n);
  });

  it('starts a future stream at its start and reports pending before', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 0n);
    const id = ledger.openStream(TOKEN, ALICE, BOB, 100n, 50n, 10n, 5n);
    expect(ledger.stream(id, 20n)?.status).toBe('pending');
    expect(ledger.balanceOf(TOKEN, ALICE, 20n)).toMatchObject({ available: 0n, locked: 100n, validUntil: 50n });
    expect(ledger.balanceOf(TOKEN, BOB, 55n).available).toBe(50n);
    expect(ledger.balanceOf(TOKEN, BOB, 60n).available).toBe(100n);
    ledger.transfer(TOKEN, BOB, CAROL, 30n, 57n);
    expect(ledger.balanceOf(TOKEN, BOB, 57n).available).toBe(40n);
    expect(ledger.balanceOf(TOKEN, BOB, 1000n).available).toBe(70n);
  });

  it('treats duration 0 as an instant transfer that still gets an id', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 0n);
    const id = ledger.openStream(TOKEN, ALICE, BOB, 30n, 0n, 0n, 7n);
    expect(ledger.balanceOf(TOKEN, BOB, 7n).available).toBe(30n);
    expect(ledger.stream(id, 7n)).toMatchObject({ status: 'settled', streamed: 30n, remaining: 0n, start: 7n, end: 7n, rateX64: 0n });
  });

  it('pays a duration-0 stream with a future start as one lump at its start, cancelable before it', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 0n);
    const lump = ledger.openStream(TOKEN, ALICE, BOB, 30n, 20n, 0n, 10n);
    const canceled = ledger.openStream(TOKEN, ALICE, BOB, 5n, 20n, 0n, 10n);
    expect(ledger.stream(lump, 19n)).toMatchObject({ status: 'pending', streamed: 0n, remaining: 30n });
    expect(ledger.balanceOf(TOKEN, BOB, 19n)).toMatchObject({ available: 0n, validUntil: 20n });
    expect(ledger.cancelStream(canceled, ALICE, 19n)).toEqual({ streamed: 0n, refunded: 5n });
    expect(ledger.balanceOf(TOKEN, BOB, 20n).available).toBe(30n);
    expect(ledger.balanceOf(TOKEN, ALICE, 20n)).toMatchObject({ available: 70n, locked: 0n });
    expect(ledger.stream(lump, 20n)).toMatchObject({ status: 'settled', streamed: 30n });
  });

  it('answers a read earlier than the account\'s last change at that change (no history is kept)', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 10n);
    ledger.withdraw(TOKEN, ALICE, 40n, 20n);
    expect(ledger.balanceOf(TOKEN, ALICE, 15n).available).toBe(60n);
    expect(ledger.balanceOf(TOKEN, ALICE, 25n).available).toBe(60n);
  });

  it('rejects a start in the past, a self stream, a zero amount and an end beyond MAX_TIME', () => {
    const { db, ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 0n);
    expectRejected(db, 'START_IN_PAST', () => ledger.openStream(TOKEN, ALICE, BOB, 10n, 5n, 10n, 6n));
    expectRejected(db, 'SELF_TRANSFER', () => ledger.openStream(TOKEN, ALICE, ALICE, 10n, 0n, 10n, 6n));
    expectRejected(db, 'INVALID_AMOUNT', () => ledger.openStream(TOKEN, ALICE, BOB, 0n, 0n, 10n, 6n));
    expectRejected(db, 'VALUE_OUT_OF_RANGE', () => ledger.openStream(TOKEN, ALICE, BOB, 10n, 0n, 2n ** 40n, 6n));
    expectRejected(db, 'INSUFFICIENT_AVAILABLE', () => ledger.openStream(TOKEN, ALICE, BOB, 101n, 0n, 10n, 6n));
  });
});

describe('cancelStream', () => {
  it('lets the receiver keep what streamed and refunds the rest to the sender', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 0n);
    const id = ledger.openStream(TOKEN, ALICE, BOB, 100n, 0n, 10n, 0n);
    expect(ledger.cancelStream(id, ALICE, 4n)).toEqual({ streamed: 40n, refunded: 60n });
    expect(ledger.balanceOf(TOKEN, ALICE, 100n)).toMatchObject({ available: 60n, locked: 0n, balance: 60n, rateX64: 0n });
    expect(ledger.balanceOf(TOKEN, BOB, 100n)).toMatchObject({ available: 40n, availableRateX64: 0n });
    expect(ledger.stream(id, 100n)).toMatchObject({ status: 'canceled', streamed: 40n, remaining: 0n, canceledAt: 4n });
    expect(ledger.stream(id, 3n)).toMatchObject({ status: 'streaming', streamed: 30n });
  });

  it('rounds the kept part up to the wei, never taking back what the receiver could see', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 0n);
    const id = ledger.openStream(TOKEN, ALICE, BOB, 10n, 0n, 3n, 0n);
    expect(ledger.cancelStream(id, ALICE, 1n)).toEqual({ streamed: 4n, refunded: 6n });
    expect(ledger.balanceOf(TOKEN, BOB, 5n).available).toBe(4n);
    expect(ledger.balanceOf(TOKEN, ALICE, 5n).available).toBe(96n);
  });

  it('refunds everything for a stream canceled before it starts', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 0n);
    const id = ledger.openStream(TOKEN, ALICE, BOB, 100n, 10n, 10n, 0n);
    expect(ledger.cancelStream(id, ALICE, 5n)).toEqual({ streamed: 0n, refunded: 100n });
    expect(ledger.balanceOf(TOKEN, BOB, 50n).available).toBe(0n);
    expect(ledger.balanceOf(TOKEN, ALICE, 50n)).toMatchObject({ available: 100n, locked: 0n, validUntil: null });
    expect(ledger.stream(id, 50n)?.status).toBe('canceled');
  });

  it('rejects an unknown id, a caller other than the sender, a second cancel and a cancel at or after the end', () => {
    const { db, ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 0n);
    const a = ledger.openStream(TOKEN, ALICE, BOB, 10n, 0n, 10n, 0n);
    const b = ledger.openStream(TOKEN, ALICE, BOB, 10n, 0n, 10n, 0n);
    expectRejected(db, 'STREAM_NOT_FOUND', () => ledger.cancelStream(99n, ALICE, 1n));
    expectRejected(db, 'NOT_STREAM_SENDER', () => ledger.cancelStream(a, BOB, 1n));
    ledger.cancelStream(a, ALICE, 2n);
    expectRejected(db, 'STREAM_ALREADY_CANCELED', () => ledger.cancelStream(a, ALICE, 3n));
    expectRejected(db, 'STREAM_ALREADY_ENDED', () => ledger.cancelStream(b, ALICE, 10n));
  });
});

describe('withdraw', () => {
  it('burns available value and shrinks the supply', () => {
    const { ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 0n);
    ledger.withdraw(TOKEN, ALICE, 30n, 1n);
    expect(ledger.balanceOf(TOKEN, ALICE, 1n).available).toBe(70n);
    expect(ledger.totalSupply(TOKEN)).toBe(70n);
  });

  it('regression (bug 1): refuses to withdraw funds already promised to a stream', () => {
    const { db, ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 0n);
    ledger.openStream(TOKEN, ALICE, BOB, 100n, 0n, 100n, 0n);
    expectRejected(db, 'INSUFFICIENT_AVAILABLE', () => ledger.withdraw(TOKEN, ALICE, 100n, 1n));
    expectRejected(db, 'INSUFFICIENT_AVAILABLE', () => ledger.withdraw(TOKEN, ALICE, 1n, 50n));
    ledger.withdraw(TOKEN, BOB, 100n, 100n);
    expect(ledger.totalSupply(TOKEN)).toBe(0n);
  });

  it('refuses to withdraw a token marked non-withdrawable (LP tokens)', () => {
    const { db, ledger } = freshLedger();
    ledger.markNonWithdrawable(OTHER_TOKEN);
    ledger.mint(OTHER_TOKEN, ALICE, 10n, 0n);
    expectRejected(db, 'TOKEN_NOT_WITHDRAWABLE', () => ledger.withdraw(OTHER_TOKEN, ALICE, 1n, 1n));
    expect(ledger.tokens().find((t) => t.token === getAddress(OTHER_TOKEN))?.withdrawable).toBe(false);
  });
});

describe('atomicity inside the caller’s transaction', () => {
  it('rolls back only the failing operation, including the settlement it wrote before failing', () => {
    const { db, ledger } = freshLedger();
    ledger.deposit(TOKEN, ALICE, 100n, 0n);
    ledger.openStream(TOKEN, ALICE, BOB, 100n, 10n, 10n, 0n); // a start due at 10: settling Alice deletes its schedule row
    const pendingRows = () => db.prepare('SELECT COUNT(*) AS n FROM ledger_pending').get<{ n: bigint }>()!.n;
    expect(pendingRows()).toBe(2n);
    db.transaction(() => {
      ledger.deposit(TOKEN, CAROL, 5n, 12n);
      const before = stateDigest(db);
      expect(() => ledger.withdraw(TOKEN, ALICE, 1n, 12n)).toThrow(/has only 0 available/);
      expect(stateDigest(db)).toBe(before);
      expect(pendingRows()).toBe(2n);
    });
    expect(ledger.balanceOf(TOKEN, CAROL, 12n).available).toBe(5n);
    expect(ledger.balanceOf(TOKEN, BOB, 15n).available).toBe(50n);
  });
});
