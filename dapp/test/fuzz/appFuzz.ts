import fc from 'fast-check';
import { AppError, ETHER_TOKEN, lpTokenAddress } from '@streamswap/protocol';
import { type Address, type Hex, getAddress, zeroAddress } from 'viem';
import { AggregateStore, SCALE, rateX96 } from '../../src/ledger/aggregate.js';
import { encodeAddress } from '../../src/ledger/codec.js';
import { inspectRoute } from '../../src/inspect/inspectRoute.js';
import type { SqliteBinding } from '../../src/storage/openDatabase.js';
import { AppDriver, type Call, type Outcome } from '../app/appDriver.js';
import type { ModelStream } from '../ledger/model.js';

/**
 * ONE model of the whole app for property tests: random sequences of every input of `dappAbi`, ERC-20 and Ether
 * portal deposits, malformed payloads and time jumps, driven through StreamSwapApp (the real back-end on real
 * SQLite), with these properties checked after EVERY step:
 * - no input (valid or not) answers INTERNAL_ERROR;
 * - a rejected input leaves the `digest` inspect route unchanged;
 * - per token, exactly (in the ledger's 2^-96 and the AMM's 2^-64 wei units): the sum of every account's ledger
 *   aggregate + everything the AMM holds = supply, and supply = deposits - withdrawals (LP tokens: minted - burned);
 * - the stream books are exact for every account and token: incoming and outgoing rates and the value locked for
 *   outgoing streams equal those of the streams the model knows; the sink account, which only ever receives, holds
 *   exactly what its streams paid (each its amount at its end, or the kept part of a cancel) plus transfers in;
 * - what is shown is spendable: for every account and token, a withdraw of the `available` the balance inspect route
 *   shows succeeds (LP tokens: TOKEN_NOT_WITHDRAWABLE), and so does a transfer of it, each run as a real input inside
 *   a transaction that is then rolled back (AppDriver.dryRun: a savepoint nested in a BEGIN/ROLLBACK on the live database).
 */

export const T0 = 1_700_000_000n;
const E18 = 10n ** 18n;
const TKA = getAddress('0x1000000000000000000000000000000000000001');
const TKB = getAddress('0x2000000000000000000000000000000000000002');
const ETH = ETHER_TOKEN;
const BASE_TOKENS: Address[] = [TKA, TKB, ETH];
const PAIRS: [Address, Address][] = [
  [TKA, TKB],
  [TKB, ETH],
];
const LPS: Address[] = PAIRS.map(([a, b]) => lpTokenAddress(a, b));
const TOKENS: Address[] = [...BASE_TOKENS, ...LPS];
const ACTIVE: Address[] = [
  getAddress('0xa11ce00000000000000000000000000000000001'),
  getAddress('0xb0b0000000000000000000000000000000000002'),
  getAddress('0xca20100000000000000000000000000000000003'),
];
/** Receives streams and transfers, never sends an input: its balance is exactly what it was paid. */
const SINK = getAddress('0x5140000000000000000000000000000000000005');
const ACCOUNTS: Address[] = [...ACTIVE, SINK, zeroAddress];

export type Op =
  | { k: 'wait'; dt: number }
  | { k: 'deposit'; who: number; token: number; amount: bigint }
  | { k: 'transfer'; who: number; token: number; to: number; pct: number }
  | { k: 'stream'; who: number; token: number; to: number; pct: number; delay: number; duration: number }
  | { k: 'cancelStream'; who: number; pick: number; raw: bigint | null }
  | { k: 'withdraw'; who: number; token: number; pct: number }
  | { k: 'add'; who: number; pair: number; pctA: number; pctB: number }
  | { k: 'remove'; who: number; pair: number; pct: number }
  | { k: 'swap'; who: number; pair: number; flip: boolean; pct: number; minPct: number }
  | { k: 'order'; who: number; pair: number; flip: boolean; pct: number; delay: number; duration: number; limit: number | null }
  | { k: 'cancelSwap'; who: number; pick: number; raw: bigint | null }
  | { k: 'garbage'; who: number; bytes: Uint8Array };

const who = fc.integer({ min: 0, max: ACTIVE.length - 1 });
const to = fc.integer({ min: 0, max: ACTIVE.length }); // ACTIVE.length = the sink
const token = fc.integer({ min: 0, max: TOKENS.length - 1 });
const baseToken = fc.integer({ min: 0, max: BASE_TOKENS.length - 1 });
const pair = fc.integer({ min: 0, max: PAIRS.length - 1 });
/** Percent of what is available: mostly valid, sometimes more than there is (a rejection). */
const pct = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 100 }) }, { weight: 1, arbitrary: fc.integer({ min: 101, max: 400 }) });
const delay = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 3000 }) });
const duration = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 61, max: 20_000 }));
const rawId = fc.option(fc.oneof(fc.bigInt({ min: 0n, max: 40n }), fc.bigInt({ min: 2n ** 63n - 2n, max: 2n ** 256n - 1n })), { freq: 6 });

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('wait' as const), dt: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 101, max: 30_000 })) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('deposit' as const),
      who,
      token: fc.oneof({ weight: 12, arbitrary: baseToken }, { weight: 1, arbitrary: fc.integer({ min: BASE_TOKENS.length, max: TOKENS.length - 1 }) }),
      amount: fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.bigInt({ min: E18, max: 10n ** 6n * E18 })),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('transfer' as const), who, token, to, pct }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('stream' as const), who, token, to, pct, delay, duration }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('cancelStream' as const), who, pick: fc.nat(), raw: rawId }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('withdraw' as const), who, token, pct }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('add' as const), who, pair, pctA: pct, pctB: pct }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('remove' as const), who, pair, pct }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('swap' as const), who, pair, flip: fc.boolean(), pct, minPct: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 })) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('order' as const),
      who,
      pair,
      flip: fc.boolean(),
      pct,
      delay,
      duration: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 61, max: 20_000 })),
      limit: fc.option(fc.integer({ min: 0, max: 130 }), { freq: 2 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('cancelSwap' as const), who, pick: fc.nat(), raw: rawId }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('garbage' as const), who, bytes: fc.uint8Array({ maxLength: 80 }) }) },
);

export class Violation extends Error {
  constructor(
    readonly step: number,
    message: string,
  ) {
    super(`step ${step}: ${message}`);
  }
}

interface KnownStream extends ModelStream {
  token: Address;
}

const pctOf = (v: bigint, p: number) => (v * BigInt(p)) / 100n;
const show = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? Buffer.from(x).toString('hex') : x));

/** One random sequence against a fresh app; throws a Violation naming the step at the first broken property. */
export class AppFuzzRun {
  readonly d: AppDriver;
  private t = T0;
  private readonly supply = new Map<Address, bigint>();
  private readonly streams: KnownStream[] = [];
  private readonly orders: bigint[] = [];
  private readonly sinkIn = new Map<Address, bigint>();
  private readonly store: AggregateStore;
  private digest: Hex;
  step = 0;

  /** Outcomes by input kind (accepted or the rejection code), to see what a campaign exercised. */
  readonly stats = new Map<string, number>();

  constructor(binding?: SqliteBinding) {
    this.d = new AppDriver(binding);
    this.store = new AggregateStore(this.d.app.db);
    // every run starts from a market: each active account holds every base token, both pools have liquidity
    for (const acc of ACTIVE) {
      for (const tok of BASE_TOKENS) {
        const amount = 1_000_000n * E18;
        const o = tok === ETH ? this.d.depositEther(acc, amount, this.t) : this.d.depositErc20(tok, acc, amount, this.t);
        if (!o.ok) throw new Error(`setup deposit failed: ${o.code}`);
        this.bump(tok, amount);
      }
    }
    for (const [a, b] of PAIRS) {
      const o = this.call(ACTIVE[2]!, { functionName: 'addLiquidity', args: [a, b, 100_000n * E18, 300_000n * E18, 0n, 0n] });
      if (!o.ok) throw new Error(`setup liquidity failed: ${o.code}`);
    }
    this.digest = this.d.app.digest();
  }

  private fail(message: string): never {
    throw new Violation(this.step, message);
  }

  private shown(token: Address, account: Address): bigint {
    const v = inspectRoute(this.d.app, `balance/${token}/${account}?at=${this.t}`) as { available: string };
    return BigInt(v.available);
  }

  private own(token: Address, account: Address): bigint {
    return this.d.app.ledger.balanceOf(token, account, this.t).available;
  }

  private call(sender: Address, c: Call): Outcome {
    return this.d.call(sender, c, this.t);
  }

  run(ops: Op[]): void {
    for (const op of ops) {
      this.step += 1;
      const outcome = this.apply(op);
      if (outcome !== undefined) this.record(op, outcome);
      this.check();
    }
  }

  private apply(op: Op): Outcome | undefined {
    const sender = op.k === 'wait' ? ACTIVE[0]! : ACTIVE[op.who]!;
    switch (op.k) {
      case 'wait':
        this.t += BigInt(op.dt);
        return undefined;
      case 'deposit': {
        const tok = TOKENS[op.token]!; // an LP token's address too: a portal deposit of it must be refused
        return tok === ETH ? this.d.depositEther(sender, op.amount, this.t) : this.d.depositErc20(tok, sender, op.amount, this.t);
      }
      case 'transfer': {
        const tok = TOKENS[op.token]!;
        const dest = op.to === ACTIVE.length ? SINK : ACTIVE[op.to]!;
        return this.call(sender, { functionName: 'transfer', args: [tok, dest, pctOf(this.shown(tok, sender), op.pct)] });
      }
      case 'stream': {
        const tok = TOKENS[op.token]!;
        const dest = op.to === ACTIVE.length ? SINK : ACTIVE[op.to]!;
        const start = op.delay === 0 ? 0n : this.t + BigInt(op.delay);
        return this.call(sender, { functionName: 'stream', args: [tok, dest, pctOf(this.shown(tok, sender), op.pct), start, BigInt(op.duration)] });
      }
      case 'cancelStream': {
        const id = op.raw ?? (this.streams.length === 0 ? 1n : this.streams[op.pick % this.streams.length]!.id);
        return this.call(sender, { functionName: 'cancelStream', args: [id] });
      }
      case 'withdraw': {
        const tok = TOKENS[op.token]!;
        return this.call(sender, { functionName: 'withdraw', args: [tok, pctOf(this.shown(tok, sender), op.pct)] });
      }
      case 'add': {
        const [a, b] = PAIRS[op.pair]!;
        return this.call(sender, {
          functionName: 'addLiquidity',
          args: [a, b, pctOf(this.shown(a, sender), op.pctA), pctOf(this.shown(b, sender), op.pctB), 0n, 0n],
        });
      }
      case 'remove': {
        const [a, b] = PAIRS[op.pair]!;
        return this.call(sender, { functionName: 'removeLiquidity', args: [a, b, pctOf(this.shown(LPS[op.pair]!, sender), op.pct), 0n, 0n] });
      }
      case 'swap': {
        const [a, b] = op.flip ? [PAIRS[op.pair]![1], PAIRS[op.pair]![0]] : PAIRS[op.pair]!;
        const amountIn = pctOf(this.shown(a, sender), op.pct);
        let min = 0n;
        if (op.minPct > 0) {
          const q = this.quote(a, b, amountIn);
          min = q === undefined ? 1n : pctOf(q, op.minPct);
        }
        return this.call(sender, { functionName: 'swap', args: [a, b, amountIn, min, 0n, 0n] });
      }
      case 'order': {
        const [a, b] = op.flip ? [PAIRS[op.pair]![1], PAIRS[op.pair]![0]] : PAIRS[op.pair]!;
        const amountIn = pctOf(this.shown(a, sender), op.pct);
        const start = op.delay === 0 ? 0n : this.t + BigInt(op.delay);
        if (op.limit === null) return this.call(sender, { functionName: 'swap', args: [a, b, amountIn, 0n, start, BigInt(op.duration)] });
        // a limit around the pool's current price: from 0 (never stops) to 130% of spot (stops soon or is refused)
        const pool = this.d.app.amm.pool(a, b, this.t);
        const spotX64 = pool === undefined || pool.reserveA === 0n ? 1n << 64n : (pool.reserveB << 64n) / pool.reserveA;
        return this.call(sender, { functionName: 'swapWithLimit', args: [a, b, amountIn, 0n, start, BigInt(op.duration), pctOf(spotX64, op.limit)] });
      }
      case 'cancelSwap': {
        const id = op.raw ?? (this.orders.length === 0 ? 1n : this.orders[op.pick % this.orders.length]!);
        return this.call(sender, { functionName: 'cancelSwap', args: [id] });
      }
      case 'garbage':
        return this.d.send(sender, `0x${Buffer.from(op.bytes).toString('hex')}`, this.t);
    }
  }

  private quote(a: Address, b: Address, amountIn: bigint): bigint | undefined {
    try {
      return this.d.app.amm.quote(a, b, amountIn, 0n, this.t).amountOut;
    } catch {
      return undefined;
    }
  }

  private record(op: Op, o: Outcome): void {
    const key = `${op.k} ${o.ok ? 'ok' : o.code}`;
    this.stats.set(key, (this.stats.get(key) ?? 0) + 1);
    if (op.k === 'deposit' && LPS.includes(TOKENS[op.token]!) && (o.ok || o.code !== 'TOKEN_NOT_WITHDRAWABLE')) {
      this.fail(`a portal deposit of the LP token ${TOKENS[op.token]} answered ${o.ok ? 'ACCEPTED' : o.code}`);
    }
    if (!o.ok) {
      if (o.internal) this.fail(`${op.k} answered INTERNAL_ERROR: ${o.message} (op ${show(op)})`);
      const now = this.d.app.digest();
      if (now !== this.digest) this.fail(`rejected ${op.k} (${o.code}) changed the digest (op ${show(op)})`);
      return;
    }
    this.digest = this.d.app.digest();
    for (const n of o.notices) {
      switch (n.kind) {
        case 'deposited':
          this.bump(n.token as Address, BigInt(n.amount as string));
          break;
        case 'withdrawn':
          this.bump(n.token as Address, -BigInt(n.amount as string));
          break;
        case 'transferred':
          if (getAddress(n.to as Address) === SINK) this.sinkIn.set(getAddress(n.token as Address), (this.sinkIn.get(getAddress(n.token as Address)) ?? 0n) + BigInt(n.amount as string));
          break;
        case 'streamOpened':
          this.streams.push({
            id: BigInt(n.streamId as string),
            token: getAddress(n.token as Address),
            from: ACCOUNTS.indexOf(getAddress(n.sender as Address)),
            to: ACCOUNTS.indexOf(getAddress(n.receiver as Address)),
            amount: BigInt(n.amount as string),
            start: BigInt(n.start as number),
            duration: BigInt(n.duration as number),
            canceledAt: null,
            kept: 0n,
          });
          break;
        case 'streamCanceled': {
          const s = this.streams.find((x) => x.id === BigInt(n.streamId as string));
          if (s === undefined) this.fail(`canceled an unknown stream ${String(n.streamId)}`);
          s.canceledAt = this.t;
          s.kept = BigInt(n.streamed as string);
          break;
        }
        case 'orderPlaced':
          this.orders.push(BigInt(n.orderId as string));
          break;
      }
    }
  }

  private bump(token: Address, delta: bigint): void {
    const tok = getAddress(token);
    this.supply.set(tok, (this.supply.get(tok) ?? 0n) + delta);
  }

  /** The exact aggregates of every account in `token` at t (X96), read through the ledger's own store. */
  private aggregates(token: Address): Map<Address, { avail: bigint; locked: bigint; inRate: bigint; outRate: bigint }> {
    const db = this.d.app.db;
    const rows = db
      .prepare(
        `SELECT b.account AS account, b.token AS token, a.address AS address FROM ledger_balance b
         JOIN ledger_token k ON k.id = b.token JOIN ledger_account a ON a.id = b.account WHERE k.address = ?`,
      )
      .all<{ account: bigint; token: bigint; address: Uint8Array }>(encodeAddress(token));
    const out = new Map<Address, { avail: bigint; locked: bigint; inRate: bigint; outRate: bigint }>();
    for (const r of rows) {
      const stored = this.store.load(r.account, r.token);
      if (stored === undefined) continue;
      const p = this.store.project(r.account, r.token, stored, this.t);
      out.set(getAddress(`0x${Buffer.from(r.address).toString('hex')}`), p);
    }
    return out;
  }

  check(): void {
    const { app } = this.d;
    const supplies = new Map(app.ledger.tokens().map((x) => [x.token, x.totalSupply]));
    for (const tok of TOKENS) {
      const aggs = this.aggregates(tok);
      // conservation, exact: ledger aggregates (2^-96 wei) + AMM holdings (2^-64 wei) = supply
      // (no pool trades an LP token in this model: the AMM holds none of them)
      const h = LPS.includes(tok) ? { reservesX64: 0n, feesX64: 0n, unsoldX64: 0n, owedX64: 0n } : app.amm.holdings(tok, this.t);
      let held = (h.reservesX64 + h.feesX64 + h.unsoldX64 + h.owedX64) << 32n;
      for (const a of aggs.values()) {
        if (a.avail < 0n || a.locked < 0n || a.inRate < 0n || a.outRate < 0n) this.fail(`negative aggregate in ${tok}: ${show(a)}`);
        held += a.avail + a.locked;
      }
      const supply = supplies.get(tok) ?? 0n;
      if (held !== supply * SCALE) this.fail(`${tok}: balances + AMM = ${held} / 2^96, supply ${supply}`);
      if (!LPS.includes(tok) && supply !== (this.supply.get(tok) ?? 0n)) {
        this.fail(`${tok}: supply ${supply} but deposits - withdrawals = ${this.supply.get(tok) ?? 0n}`);
      }
      // stream books, exact, for every account
      for (let i = 0; i < ACCOUNTS.length; i++) {
        const acc = ACCOUNTS[i]!;
        let inRate = 0n;
        let outRate = 0n;
        let locked = 0n;
        let sinkPaid = 0n;
        for (const s of this.streams) {
          if (s.token !== tok || (s.from !== i && s.to !== i)) continue;
          const end = s.start + s.duration;
          const live = s.canceledAt === null && this.t < end;
          const rate = rateX96(s.amount, s.duration);
          const streaming = live && s.duration > 0n && this.t >= s.start;
          if (s.to === i) {
            if (streaming) inRate += rate;
            sinkPaid += s.canceledAt !== null ? s.kept * SCALE : !live ? s.amount * SCALE : streaming ? rate * (this.t - s.start) : 0n;
          }
          if (s.from === i) {
            if (streaming) outRate += rate;
            if (live) locked += s.amount * SCALE - (streaming ? rate * (this.t - s.start) : 0n);
          }
        }
        const a = aggs.get(acc) ?? { avail: 0n, locked: 0n, inRate: 0n, outRate: 0n };
        if (a.inRate !== inRate || a.outRate !== outRate || a.locked !== locked) {
          this.fail(`${acc} in ${tok}: aggregate rates/locked ${show({ inRate: a.inRate, outRate: a.outRate, locked: a.locked })} but its streams say ${show({ inRate, outRate, locked })}`);
        }
        if (acc === SINK) {
          const expected = sinkPaid + (this.sinkIn.get(tok) ?? 0n) * SCALE;
          if (a.avail !== expected) this.fail(`the sink holds ${a.avail} / 2^96 of ${tok}, its streams and transfers paid ${expected}`);
        }
      }
    }
    this.checkSpendable();
  }

  /**
   * Every available the `balances/<account>` route shows can be spent: on even steps each is withdrawn, on odd steps
   * transferred (LP tokens, which cannot leave the app, are always transferred, and their withdraw must answer
   * TOKEN_NOT_WITHDRAWABLE). Each spend runs on the live state inside a transaction that is rolled back
   * (AppDriver.dryRun), through the ledger's own entry points (the app's withdraw and transfer inputs call exactly
   * these after decoding). Withdraw and transfer share the debit path (settleDebited); alternating keeps the cost of a
   * step at one spend per account and token.
   */
  private checkSpendable(): void {
    const { ledger } = this.d.app;
    const withdrawing = this.step % 2 === 0;
    for (const acc of [...ACTIVE, SINK]) {
      const view = inspectRoute(this.d.app, `balances/${acc}?at=${this.t}`) as { balances: { token: Address; available: string }[] };
      for (const b of view.balances) {
        const available = BigInt(b.available);
        if (available === 0n) continue;
        const tok = b.token;
        const lp = LPS.includes(tok);
        const other = acc === ACTIVE[0] ? ACTIVE[1]! : ACTIVE[0]!;
        if (withdrawing || lp) {
          const w = this.d.dryRun(() => outcomeOf(() => ledger.withdraw(tok, acc, available, this.t)));
          if (w !== (lp ? 'TOKEN_NOT_WITHDRAWABLE' : 'ACCEPTED')) this.fail(`${acc} shows ${available} of ${tok} available; withdrawing it answered ${w}`);
        }
        if (!withdrawing || lp) {
          const tr = this.d.dryRun(() => outcomeOf(() => ledger.transfer(tok, acc, other, available, this.t)));
          if (tr !== 'ACCEPTED') this.fail(`${acc} shows ${available} of ${tok} available; transferring it answered ${tr}`);
        }
      }
    }
    // the rollback is SQLite's; checked now and then rather than at every step (a digest hashes the whole database)
    if (this.step % 16 === 0 && this.d.app.digest() !== this.digest) this.fail('a rolled-back spendability check changed the digest');
  }
}

/** ACCEPTED, or the AppError code / "INTERNAL_ERROR: ..." of what fn threw. */
function outcomeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ACCEPTED';
  } catch (error) {
    if (error instanceof AppError && error.code !== 'INTERNAL_ERROR') return `${error.code}`;
    return `INTERNAL_ERROR: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
}

/** The property: a random sequence runs with no violation. Counts the operations it ran (for the totals). */
export function appProperty(counter: { ops: number; stats?: Map<string, number> }, binding?: SqliteBinding) {
  return fc.property(fc.array(opArb, { minLength: 1, maxLength: 100, size: 'max' }), (ops) => {
    const run = new AppFuzzRun(binding);
    try {
      run.run(ops);
    } finally {
      counter.ops += run.step;
      if (counter.stats) for (const [k, v] of run.stats) counter.stats.set(k, (counter.stats.get(k) ?? 0) + v);
      run.d.app.db.close();
    }
  });
}
