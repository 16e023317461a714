import fc from 'fast-check';
import type { Address } from 'viem';
import { AppError } from '@streamswap/protocol';
import { describe, expect, it } from 'vitest';
import { SCALE } from '../../src/ledger/aggregate.js';
import { AggregateStore } from '../../src/ledger/aggregate.js';
import type { Ledger } from '../../src/ledger/index.js';
import { encodeAddress } from '../../src/ledger/codec.js';
import type { SqlDatabase } from '../../src/storage/SqlDatabase.js';
import { stateDigest } from '../../src/storage/stateDigest.js';
import { TOKEN, freshLedger } from './fixtures.js';
import { Model } from './model.js';

const ACCOUNTS: Address[] = [
  '0x00000000000000000000000000000000000000a1',
  '0x00000000000000000000000000000000000000b2',
  '0x00000000000000000000000000000000000000c3',
];
const N = ACCOUNTS.length;

const amountArb = fc.oneof(
  fc.bigInt({ min: 1n, max: 1000n }),
  fc.bigInt({ min: 1n, max: 2n ** 200n }),
);
const accountArb = fc.integer({ min: 0, max: N - 1 });

type Op =
  | { kind: 'deposit'; a: number; amount: bigint }
  | { kind: 'transfer'; a: number; b: number; amount: bigint }
  | { kind: 'withdraw'; a: number; amount: bigint }
  | { kind: 'stream'; a: number; b: number; amount: bigint; delay: bigint; duration: bigint; fraction: number }
  | { kind: 'cancel'; index: number; caller: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), a: accountArb, amount: amountArb }),
  fc.record({ kind: fc.constant('transfer' as const), a: accountArb, b: accountArb, amount: amountArb }),
  fc.record({ kind: fc.constant('withdraw' as const), a: accountArb, amount: amountArb }),
  fc.record({
    kind: fc.constant('stream' as const),
    a: accountArb,
    b: accountArb,
    amount: amountArb,
    delay: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 15n })),
    duration: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 40n }), fc.bigInt({ min: 1n, max: 2n ** 39n })),
    // Streams draw on a fraction of what the model says is available, so most of them open.
    fraction: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), index: fc.nat(), caller: accountArb }),
);

const stepArb = fc.record({ dt: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 12n })), op: opArb });

/** The exact X96 totals of every aggregate (available + locked) projected to t. */
function exactTotal(db: SqlDatabase, t: bigint): bigint {
  const store = new AggregateStore(db);
  const tok = db.prepare('SELECT id FROM ledger_token WHERE address = ?').get<{ id: bigint }>(encodeAddress(TOKEN));
  if (tok === undefined) return 0n;
  let total = 0n;
  for (const { account } of db.prepare('SELECT account FROM ledger_balance WHERE token = ? ORDER BY account').all<{ account: bigint }>(tok.id)) {
    const agg = store.project(account, tok.id, store.load(account, tok.id)!, t);
    expect(agg.avail).toBeGreaterThanOrEqual(0n);
    expect(agg.locked).toBeGreaterThanOrEqual(0n);
    total += agg.avail + agg.locked;
  }
  return total;
}

function rejectedWith(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

/** Runs one step on ledger and model; debits follow the ledger's decision, checked against the model's bound. */
function applyStep(ledger: Ledger, model: Model, streamIds: bigint[], op: Op, t: bigint): void {
  const debitAllowed = (a: number, amount: bigint, code: string | null) => {
    const modelAvailable = model.available(a, t);
    const bound = BigInt(model.inFlight(a, t, 'in'));
    if (code === null) expect(modelAvailable + bound).toBeGreaterThanOrEqual(amount);
    else {
      expect(code).toBe('INSUFFICIENT_AVAILABLE');
      expect(modelAvailable - bound).toBeLessThan(amount);
    }
    return code === null;
  };
  switch (op.kind) {
    case 'deposit':
      ledger.deposit(TOKEN, ACCOUNTS[op.a]!, op.amount, t);
      model.deposit(op.a, op.amount);
      return;
    case 'withdraw': {
      const code = rejectedWith(() => ledger.withdraw(TOKEN, ACCOUNTS[op.a]!, op.amount, t));
      if (debitAllowed(op.a, op.amount, code)) model.withdraw(op.a, op.amount);
      return;
    }
    case 'transfer': {
      const code = rejectedWith(() => ledger.transfer(TOKEN, ACCOUNTS[op.a]!, ACCOUNTS[op.b]!, op.amount, t));
      if (op.a === op.b) return void expect(code).toBe('SELF_TRANSFER');
      if (debitAllowed(op.a, op.amount, code)) {
        model.spend(op.a, op.amount);
        model.free[op.b]! += op.amount;
      }
      return;
    }
    case 'stream': {
      const available = model.available(op.a, t);
      const amount = available > 0n ? (available * BigInt(op.fraction)) / 100n || op.amount : op.amount;
      const start = op.delay === 0n ? 0n : t + op.delay;
      let id = 0n;
      const code = rejectedWith(() => {
        id = ledger.openStream(TOKEN, ACCOUNTS[op.a]!, ACCOUNTS[op.b]!, amount, start, op.duration, t);
      });
      if (op.a === op.b) return void expect(code).toBe('SELF_TRANSFER');
      if (debitAllowed(op.a, amount, code)) {
        streamIds.push(id);
        model.openStream({ id, from: op.a, to: op.b, amount, start: start === 0n ? t : start, duration: op.duration });
      }
      return;
    }
    case 'cancel': {
      if (model.streams.length === 0) return;
      const s = model.streams[op.index % model.streams.length]!;
      const code = rejectedWith(() => ledger.cancelStream(s.id, ACCOUNTS[op.caller]!, t));
      if (op.caller !== s.from) return void expect(code).toBe('NOT_STREAM_SENDER');
      if (s.canceledAt !== null) return void expect(code).toBe('STREAM_ALREADY_CANCELED');
      if (t >= s.start + s.duration) return void expect(code).toBe('STREAM_ALREADY_ENDED');
      expect(code).toBeNull();
      const ledgerResult = ledger.stream(s.id, t);
      const expected = model.cancel(s, t);
      expect(ledgerResult).toMatchObject({ status: 'canceled', streamed: expected.streamed, canceledAt: t });
      return;
    }
  }
}

/** Every read at t against the model; reads must not change the state digest. */
function checkReads(db: SqlDatabase, ledger: Ledger, model: Model, t: bigint): void {
  const before = stateDigest(db);
  let displayedTotal = 0n;
  for (let a = 0; a < N; a++) {
    const snap = ledger.balanceOf(TOKEN, ACCOUNTS[a]!, t);
    const inBound = BigInt(model.inFlight(a, t, 'in'));
    const outBound = BigInt(model.inFlight(a, t, 'out'));
    expect(snap.available).toBeGreaterThanOrEqual(0n);
    expect(snap.locked).toBeGreaterThanOrEqual(0n);
    expect(snap.balance).toBe(snap.available + snap.locked);
    const da = snap.available - model.available(a, t);
    const dl = snap.locked - model.locked(a, t);
    expect(da <= inBound && -da <= inBound).toBe(true);
    expect(dl <= outBound && -dl <= outBound).toBe(true);
    displayedTotal += snap.balance;
  }
  for (const s of model.streams) {
    const r = ledger.stream(s.id, t)!;
    expect(r.streamed).toBe(Model.streamed(s, t));
    expect(r.remaining).toBe(s.canceledAt !== null && t >= s.canceledAt ? 0n : s.amount - Model.streamed(s, t));
  }
  const supply = model.deposits - model.withdrawals;
  expect(ledger.totalSupply(TOKEN)).toBe(supply);
  // Conservation: exact in the ledger's internal units, within one wei per account once rounded for display.
  expect(exactTotal(db, t)).toBe(supply * SCALE);
  const diff = displayedTotal - supply;
  expect(diff <= BigInt(N) && -diff <= BigInt(N)).toBe(true);
  expect(stateDigest(db)).toBe(before);
}

describe('ledger against the per-stream reference model', () => {
  it('matches the model, conserves every token and never writes on reads', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), (steps) => {
        const { db, ledger } = freshLedger();
        const model = new Model(N);
        const ids: bigint[] = [];
        let t = 1000n;
        for (const { dt, op } of steps) {
          t += dt;
          applyStep(ledger, model, ids, op, t);
          checkReads(db, ledger, model, t);
        }
        // After every stream has ended, every figure is exact.
        const last = model.streams.reduce((m, s) => (s.start + s.duration > m ? s.start + s.duration : m), t);
        for (const end of [last, last + 1n]) {
          for (let a = 0; a < N; a++) {
            expect(ledger.balanceOf(TOKEN, ACCOUNTS[a]!, end)).toMatchObject({
              available: model.available(a, end),
              locked: 0n,
              balance: model.available(a, end),
            });
          }
        }
        db.close();
      }),
      { numRuns: 150 },
    );
  });

  it('matches the model exactly at every stream end', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 25 }), (steps) => {
        const { db, ledger } = freshLedger();
        const model = new Model(N);
        let t = 1000n;
        for (const { dt, op } of steps) {
          t += dt;
          applyStep(ledger, model, [], op, t);
        }
        for (const s of model.streams) {
          const end = s.canceledAt ?? s.start + s.duration;
          if (end < t) continue;
          for (const a of [s.from, s.to]) {
            if (model.inFlight(a, end, 'in') === 0) expect(ledger.balanceOf(TOKEN, ACCOUNTS[a]!, end).available).toBe(model.available(a, end));
            if (model.inFlight(a, end, 'out') === 0) expect(ledger.balanceOf(TOKEN, ACCOUNTS[a]!, end).locked).toBe(model.locked(a, end));
          }
        }
        db.close();
      }),
      { numRuns: 100 },
    );
  });
});
