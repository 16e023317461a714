import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Address } from 'viem';
import { AppError, getAmountOut } from '@streamswap/protocol';
import { ALICE, BOB, CAROL, E18, ownBalance, setup, TKA, TKB, TKZ } from './fixture.js';

const T0 = 1_700_000_000n;
const TOKENS = [TKA, TKB, TKZ] as const;
const ACCOUNTS = [ALICE, BOB, CAROL] as const;
const PAIRS: [Address, Address][] = [
  [TKA, TKB],
  [TKB, TKZ],
];

type Op =
  | { kind: 'wait'; dt: number }
  | { kind: 'instant'; who: number; pair: number; flip: boolean; pct: number }
  | { kind: 'order'; who: number; pair: number; flip: boolean; pct: number; delay: number; duration: number; limit: boolean }
  | { kind: 'cancel'; who: number; id: number }
  | { kind: 'add'; who: number; pair: number; pct: number }
  | { kind: 'remove'; who: number; pair: number; pct: number }
  | { kind: 'transfer'; who: number; token: number }
  | { kind: 'settle'; who: number; token: number };

const who = fc.integer({ min: 0, max: 2 });
const pair = fc.integer({ min: 0, max: 1 });
const pct = fc.integer({ min: 1, max: 100 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('wait' as const), dt: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant('instant' as const), who, pair, flip: fc.boolean(), pct }),
  fc.record({
    kind: fc.constant('order' as const),
    who,
    pair,
    flip: fc.boolean(),
    pct,
    delay: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })),
    duration: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 51, max: 20_000 })),
    limit: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('cancel' as const), who, id: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('add' as const), who, pair, pct }),
  fc.record({ kind: fc.constant('remove' as const), who, pair, pct }),
  fc.record({ kind: fc.constant('transfer' as const), who, token: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('settle' as const), who, token: fc.integer({ min: 0, max: 2 }) }),
);

describe('AMM invariants under random operations', () => {
  it('conserves every token across balances, pools and orders, and never lets k fall across a trade', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        const { ledger, amm } = setup();
        let t = T0;
        for (const tok of TOKENS) for (const acc of ACCOUNTS) ledger.deposit(tok, acc, 1_000_000n * E18, t);
        for (const [a, b] of PAIRS) amm.addLiquidity(ALICE, a, b, 100_000n * E18, 300_000n * E18, 0n, 0n, t);
        const supply = (tok: Address) => ledger.totalSupply(tok);
        const check = () => {
          for (const tok of TOKENS) {
            const own = ACCOUNTS.reduce((s, acc) => s + ownBalance(ledger, amm, tok, acc, t), 0n);
            const promised = ACCOUNTS.reduce((s, acc) => {
              const v = amm.view(tok, acc, t);
              return s + v.owed + v.locked;
            }, 0n);
            const h = amm.holdings(tok, t);
            expect(own + h.total).toBe(supply(tok));
            // the AMM never promises accounts more than it holds for them
            expect(promised << 64n <= h.unsoldX64 + h.owedX64).toBe(true);
            for (const acc of ACCOUNTS) {
              const b = ledger.balanceOf(tok, acc, t);
              expect(b.available >= 0n && b.locked >= 0n).toBe(true);
            }
          }
        };
        const k = (i: number) => {
          const p = amm.exactReserves(PAIRS[i]![0], PAIRS[i]![1], t)!;
          return p.reserveAX64 * p.reserveBX64;
        };
        for (const op of ops) {
          const kBefore = [k(0), k(1)];
          try {
            switch (op.kind) {
              case 'wait':
                t += BigInt(op.dt);
                break;
              case 'instant': {
                const [a, b] = op.flip ? [PAIRS[op.pair]![1], PAIRS[op.pair]![0]] : PAIRS[op.pair]!;
                const avail = ledger.balanceOf(a, ACCOUNTS[op.who]!, t).available;
                amm.swap(ACCOUNTS[op.who]!, a, b, (avail * BigInt(op.pct)) / 1000n, 0n, 0n, 0n, t);
                break;
              }
              case 'order': {
                const [a, b] = op.flip ? [PAIRS[op.pair]![1], PAIRS[op.pair]![0]] : PAIRS[op.pair]!;
                const avail = ledger.balanceOf(a, ACCOUNTS[op.who]!, t).available;
                const amount = op.pct === 1 ? 7n : (avail * BigInt(op.pct)) / 500n;
                const start = op.delay === 0 ? 0n : t + BigInt(op.delay);
                amm.swap(ACCOUNTS[op.who]!, a, b, amount, 0n, start, BigInt(op.duration), t, op.limit ? 1n << 62n : undefined);
                break;
              }
              case 'cancel':
                amm.cancelSwap(BigInt(op.id), ACCOUNTS[op.who]!, t);
                break;
              case 'add': {
                const [a, b] = PAIRS[op.pair]!;
                const amt = (ledger.balanceOf(a, ACCOUNTS[op.who]!, t).available * BigInt(op.pct)) / 200n;
                amm.addLiquidity(ACCOUNTS[op.who]!, a, b, amt, amt * 10n, 0n, 0n, t);
                break;
              }
              case 'remove': {
                const p = amm.pool(PAIRS[op.pair]![0], PAIRS[op.pair]![1], t)!;
                const liq = (ledger.balanceOf(p.lpToken, ACCOUNTS[op.who]!, t).available * BigInt(op.pct)) / 100n;
                amm.removeLiquidity(ACCOUNTS[op.who]!, PAIRS[op.pair]![0], PAIRS[op.pair]![1], liq, 0n, 0n, t);
                break;
              }
              case 'transfer':
                ledger.transfer(TOKENS[op.token]!, ACCOUNTS[op.who]!, ACCOUNTS[(op.who + 1) % 3]!, 1n, t);
                break;
              case 'settle':
                amm.settle(TOKENS[op.token]!, ACCOUNTS[op.who]!, t);
                break;
            }
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
          }
          if (op.kind !== 'remove') {
            expect(k(0) >= kBefore[0]!).toBe(true);
            expect(k(1) >= kBefore[1]!).toBe(true);
          }
          check();
        }
        // run everything to completion: every order input is sold or refunded, nothing is left behind
        t += 100_000n;
        for (const tok of TOKENS) for (const acc of ACCOUNTS) amm.settle(tok, acc, t);
        check();
        for (const tok of TOKENS) {
          const promised = ACCOUNTS.reduce((s, acc) => s + amm.view(tok, acc, t).owed + amm.view(tok, acc, t).locked, 0n);
          expect(promised).toBe(0n);
        }
      }),
      { numRuns: 40 },
    );
  }, 300_000);

  it('reads project exactly what execution then does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), (dt, pa, pb) => {
        const { ledger, amm } = setup();
        for (const acc of ACCOUNTS) for (const tok of [TKA, TKB]) ledger.deposit(tok, acc, 10_000n * E18, T0);
        amm.addLiquidity(ALICE, TKA, TKB, 1000n * E18, 2000n * E18, 0n, 0n, T0);
        amm.swap(BOB, TKA, TKB, BigInt(pa) * E18, 0n, 0n, 10_000n, T0);
        amm.swap(CAROL, TKB, TKA, BigInt(pb) * E18, 0n, T0 + 500n, 7_777n, T0);
        const t = T0 + BigInt(dt);
        const projected = [amm.pool(TKA, TKB, t), amm.order(1n, t), amm.order(2n, t), ledger.balanceOf(TKB, BOB, t), ledger.balanceOf(TKA, CAROL, t)];
        amm.settle(TKB, BOB, t); // executes the pool for real and credits Bob's proceeds
        amm.settle(TKA, CAROL, t);
        ledger.transfer(TKB, BOB, ALICE, 1n, t);
        ledger.transfer(TKA, CAROL, ALICE, 1n, t);
        const b = ledger.balanceOf(TKB, BOB, t);
        const c = ledger.balanceOf(TKA, CAROL, t);
        expect([amm.pool(TKA, TKB, t), amm.order(1n, t), amm.order(2n, t), { ...b, balance: b.balance + 1n, available: b.available + 1n }, { ...c, balance: c.balance + 1n, available: c.available + 1n }]).toEqual(projected);
      }),
      { numRuns: 40 },
    );
  });
});

describe('TWAMM execution properties', () => {
  it('a lone streamed order ends within 1 wei per touch of one instant swap of the same total', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 15n, max: 10n ** 27n }),
        fc.bigInt({ min: 10n ** 15n, max: 10n ** 27n }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 2, max: 100_000 }),
        fc.integer({ min: 0, max: 20 }),
        (x0, y0, permille, duration, touches) => {
          const { ledger, amm } = setup();
          const amountIn = (x0 * BigInt(permille)) / 1000n + 1n;
          ledger.deposit(TKA, ALICE, x0, T0);
          ledger.deposit(TKB, ALICE, y0, T0);
          ledger.deposit(TKA, BOB, amountIn, T0);
          amm.addLiquidity(ALICE, TKA, TKB, x0, y0, 0n, 0n, T0);
          const placed = amm.swap(BOB, TKA, TKB, amountIn, 0n, 0n, BigInt(duration), T0);
          if (placed.kind !== 'order') throw new Error('expected an order');
          // the real end: on the ORDER_INTERVAL grid, at most a minute after T0 + duration
          const o = amm.order(placed.orderId, T0)!;
          const end = o.start + o.duration;
          let moved = 0n;
          for (let i = 1; i <= touches; i++) {
            const at = T0 + (BigInt(duration) * BigInt(i)) / BigInt(touches + 1);
            if (ledger.balanceOf(TKB, BOB, at).available > 0n) {
              amm.settle(TKB, BOB, at); // a touch: executes the pool
              ledger.transfer(TKB, BOB, CAROL, 1n, at);
              moved += 1n;
            }
          }
          const got = ledger.balanceOf(TKB, BOB, end).available + moved;
          const instant = getAmountOut(amountIn, x0, y0);
          // Bound: 1 wei per touch is the requirement; with pool amounts in 2^-64 wei the streamed order
          // pays the V2 instant-swap amount up to the final rounding down (observed: exactly equal). We allow 2 wei.
          const bound = 2n;
          expect({ diff: instant - got, ok: instant - got >= 0n && instant - got <= bound }).toMatchObject({ ok: true });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives the same proceeds whether the pool is touched once or 1,000 times, within 1 wei per touch (prototype bug 7)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1000n, max: 1_000_000n }),
        fc.bigInt({ min: 1000n, max: 1_000_000n }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        (ra, rb, pa, pb) => {
          const run = (touches: number) => {
            const { ledger, amm } = setup();
            for (const tok of [TKA, TKB]) for (const acc of ACCOUNTS) ledger.deposit(tok, acc, 10n ** 9n * E18, T0);
            amm.addLiquidity(ALICE, TKA, TKB, ra * E18, rb * E18, 0n, 0n, T0);
            amm.swap(BOB, TKA, TKB, (ra * E18 * BigInt(pa)) / 100n, 0n, 0n, 10_000n, T0);
            amm.swap(CAROL, TKB, TKA, (rb * E18 * BigInt(pb)) / 100n, 0n, T0 + 37n, 9_000n, T0);
            for (let i = 1; i <= touches; i++) {
              amm.settle(TKB, BOB, T0 + 40n + BigInt(i) * 9n); // a touch: executes the pool
              ledger.transfer(TKB, BOB, ALICE, 1n, T0 + 40n + BigInt(i) * 9n);
            }
            const end = T0 + 20_000n;
            return [amm.order(1n, end)!.bought, amm.order(2n, end)!.bought];
          };
          const once = run(0);
          const many = run(1000);
          // The pool keeps amounts in 2^-64 wei and the flow is exact there, so a touch only rounds the curve at
          // 2^-64 wei: the bound is 1 wei per touch (1,000 here); we hold ourselves to 1 wei per 100 touches + 2
          // (observed: identical results).
          for (const i of [0, 1]) {
            const d = once[i]! - many[i]!;
            const tol = 10n + 2n;
            expect({ order: i + 1, d, ok: d <= tol && d >= -tol }).toMatchObject({ ok: true });
          }
        },
      ),
      { numRuns: 4 },
    );
  }, 300_000);

  it('two equal and opposite orders leave the price nearly unchanged', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 18n, max: 10n ** 27n }), fc.bigInt({ min: 10n ** 18n, max: 10n ** 27n }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 10, max: 50_000 }), (x0, y0, permille, duration) => {
        const { ledger, amm } = setup();
        const a = (x0 * BigInt(permille)) / 1000n;
        const b = (a * y0) / x0;
        ledger.deposit(TKA, ALICE, x0 + a, T0);
        ledger.deposit(TKB, ALICE, y0 + b, T0);
        amm.addLiquidity(ALICE, TKA, TKB, x0, y0, 0n, 0n, T0);
        amm.swap(ALICE, TKA, TKB, a, 0n, 0n, BigInt(duration), T0);
        amm.swap(ALICE, TKB, TKA, b, 0n, 0n, BigInt(duration), T0);
        const p = amm.pool(TKA, TKB, T0 + BigInt(duration))!;
        // price change relative: |rB/rA - y0/x0| / (y0/x0) < 1e-12
        const num = p.reserveB * x0 - y0 * p.reserveA;
        const den = y0 * p.reserveA;
        expect((num < 0n ? -num : num) * 10n ** 12n <= den).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
