/**
 * TWAMM benchmarks (prints JSON lines; not a test).
 *
 *   {"bench":"twamm-orders","openOrders":N,"submitMs":..,"cancelMs":..,"instantSwapMs":..}
 *     N open streamed orders on one pair (1k, 100k, 1M), spread over 1,000 owners, each with its own end time
 *     between 1 and 30 days; the figures are means over SAMPLES operations made through the API at that size.
 *     The open orders are filled by a bulk insert of exactly the rows the API writes (order, rate step and end
 *     rows of the schedule, pair aggregates, ledger debits): submitting a million orders one by one through the
 *     API takes longer than this shared machine allows; the measured operations do go through the API.
 *   {"bench":"twamm-execute","expiries":10000,"points":..,"executeMs":..}
 *     10,000 orders (both directions) asking for 10,000 distinct end times within one day (one every 8 s), then
 *     ONE write at t + 1 day executes all virtual orders: the time of that single operation, plus
 *     `projectReadMs`: a read projecting the same day in memory. Median of 3 fresh pools after one full-size
 *     warm-up run (JIT), as in a running node; `executeMinMs` is the fastest run. The orders end on the
 *     ORDER_INTERVAL grid (protocol orderWindow.ts), so they share `points` distinct instants (1,334).
 *   {"bench":"twamm-execute-distinct","expiries":10000,"points":10000,"executeMs":..}
 *     The same with one order ending every ORDER_INTERVAL (10,000 distinct minutes, a week): the cost per instant
 *     crossed, for a pair nobody touched for a week.
 *
 * Usage: npm run bench:twamm -w dapp [-- --max 100000] [--db /tmp/twamm.sqlite] [--only execute|orders]
 */
import { getAddress, type Address } from 'viem';
import { alignUp, ORDER_INTERVAL, orderWindow } from '@streamswap/protocol';
import { Amm } from '../src/amm/Amm.js';
import { Ledger } from '../src/ledger/Ledger.js';
import { openDatabase } from '../src/storage/openDatabase.js';

const args = process.argv.slice(2);
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const MAX = Number(argValue('--max') ?? 1_000_000);
const DB_PATH = argValue('--db') ?? ':memory:';
const SAMPLES = 200;

/**
 * Wall time and CPU time (user + system) of fn in ms. On a shared machine the wall time includes waiting for
 * a core; the CPU time is the work itself.
 */
function timed<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - w0;
  const c = process.cpuUsage(c0);
  return { value, wallMs, cpuMs: (c.user + c.system) / 1000 };
}
const E18 = 10n ** 18n;
const T0 = 1_700_000_000n;
const TKA = getAddress('0x1000000000000000000000000000000000000001');
const TKB = getAddress('0x2000000000000000000000000000000000000002');
const owner = (i: number): Address => getAddress(`0x${(0xa000000 + (i % 1000)).toString(16).padStart(40, '0')}`);

// deterministic pseudo-random durations (no Math.random: reproducible figures)
let seed = 12345;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

function fresh() {
  const db = openDatabase(DB_PATH);
  const ledger = new Ledger(db);
  const amm = new Amm(db, ledger);
  return { db, ledger, amm };
}

/** Inserts n open orders selling TKA at time t exactly as Amm.swap would leave them (bench-only fast fill). */
function bulkFill(db: ReturnType<typeof openDatabase>, ledger: Ledger, from: number, n: number, t: bigint): void {
  db.transaction(() => {
    const pair = db.prepare('SELECT id, ef0, rate0, unsold0, open0, last_t FROM amm_pair ORDER BY id LIMIT 1').get<{
      id: bigint;
      ef0: string;
      rate0: string;
      unsold0: string;
      open0: bigint;
      last_t: bigint;
    }>()!;
    if (pair.last_t !== t) throw new Error('Execute the pair to t before filling.');
    const insert = db.prepare(
      `INSERT INTO amm_order (pair, dir, owner, token_in, token_out, amount_in, amount_out_min, min_avg, start_at, duration, rate, dust,
         ef_start, closed_at, close_kind, ef_close, refund, paid, live, refund_due, watch)
       VALUES (?, 0, ?, ?, ?, ?, '0', NULL, ?, ?, ?, ?, ?, NULL, 0, NULL, '0', '0', 1, 0, 0)`,
    );
    const rows = new Map<bigint, { delta: bigint; ends: bigint; refs: bigint; dust: bigint }>();
    const bump = (at: bigint, delta: bigint, ends: bigint, dust: bigint) => {
      const r = rows.get(at) ?? { delta: 0n, ends: 0n, refs: 0n, dust: 0n };
      r.delta += delta;
      r.ends += ends;
      r.refs += 1n;
      r.dust += dust;
      rows.set(at, r);
    };
    const perOwner = new Map<Address, bigint>();
    let rateSum = 0n;
    let amountSum = 0n;
    for (let i = from; i < from + n; i++) {
      const amountIn = E18 + BigInt(rand(1_000_000));
      // the real window, as Amm.swap makes it: the end on the ORDER_INTERVAL grid
      const end = orderWindow(t, 0n, 86_400n + BigInt(rand(29 * 86_400))).end;
      const duration = end - t;
      const rate = (amountIn << 64n) / duration;
      const dust = (amountIn << 64n) - rate * duration;
      insert.run(pair.id, owner(i), TKA, TKB, amountIn.toString(), t, duration, rate.toString(), dust, pair.ef0);
      rateSum += rate;
      amountSum += amountIn;
      bump(end, -rate, 1n, dust);
      perOwner.set(owner(i), (perOwner.get(owner(i)) ?? 0n) + amountIn);
    }
    const get = db.prepare('SELECT delta, ends, refs, dust FROM amm_schedule WHERE pair = ? AND t = ? AND dir = 0');
    const put = db.prepare(
      `INSERT INTO amm_schedule (pair, t, dir, delta, ends, refs, dust) VALUES (?, ?, 0, ?, ?, ?, ?)
       ON CONFLICT (pair, t, dir) DO UPDATE SET delta = excluded.delta, ends = excluded.ends, refs = excluded.refs, dust = excluded.dust`,
    );
    for (const [at, r] of [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const old = get.get<{ delta: string; ends: bigint; refs: bigint; dust: string }>(pair.id, at);
      put.run(
        pair.id,
        at,
        (r.delta + BigInt(old?.delta ?? '0')).toString(),
        r.ends + (old?.ends ?? 0n),
        r.refs + (old?.refs ?? 0n),
        (r.dust + BigInt(old?.dust ?? '0')).toString(),
      );
    }
    db.prepare('UPDATE amm_pair SET rate0 = ?, unsold0 = ?, open0 = ? WHERE id = ?').run(
      (BigInt(pair.rate0) + rateSum).toString(),
      (BigInt(pair.unsold0) + (amountSum << 64n)).toString(),
      pair.open0 + BigInt(n),
      pair.id,
    );
    for (const [who, amount] of perOwner) ledger.debit(TKA, who, amount, t);
  });
}

function ordersBench() {
  const { db, ledger, amm } = fresh();
  const lp = getAddress('0x00000000000000000000000000000000000000aa');
  const trader = getAddress('0x00000000000000000000000000000000000000bb');
  ledger.deposit(TKA, lp, 10n ** 12n * E18, T0);
  ledger.deposit(TKB, lp, 10n ** 12n * E18, T0);
  amm.addLiquidity(lp, TKA, TKB, 10n ** 9n * E18, 10n ** 9n * E18, 0n, 0n, T0);
  ledger.deposit(TKA, trader, 10n ** 9n * E18, T0);
  ledger.deposit(TKB, trader, 10n ** 9n * E18, T0);
  for (let i = 0; i < 1000; i++) ledger.deposit(TKA, owner(i), 10n ** 12n * E18, T0);
  let open = 0;
  let t = T0;
  const place = (i: number) => {
    const duration = 86_400n + BigInt(rand(29 * 86_400));
    const r = amm.swap(owner(i), TKA, TKB, E18 + BigInt(rand(1_000_000)), 0n, 0n, duration, t);
    return r.kind === 'order' ? r.orderId : 0n;
  };
  for (const target of [1_000, 100_000, 1_000_000]) {
    if (target > MAX) break;
    // bring the pair to t (a tiny instant swap executes it), then fill; not timed
    t += 1n;
    amm.swap(trader, TKB, TKA, 1000n, 0n, 0n, 0n, t);
    while (open < target) {
      const n = Math.min(50_000, target - open);
      bulkFill(db, ledger, open, n, t);
      open += n;
    }
    t += 1n;
    const placed: bigint[] = [];
    const submit = timed(() => {
      for (let k = 0; k < SAMPLES; k++) placed.push(db.transaction(() => place(open + k)));
    });
    const cancel = timed(() => {
      for (let k = 0; k < SAMPLES; k++) db.transaction(() => amm.cancelSwap(placed[k]!, owner(open + k), t));
    });
    const swap = timed(() => {
      for (let k = 0; k < SAMPLES; k++) {
        db.transaction(() => amm.swap(trader, k % 2 === 0 ? TKA : TKB, k % 2 === 0 ? TKB : TKA, E18, 0n, 0n, 0n, t));
        t += 1n;
      }
    });
    console.log(
      JSON.stringify({
        bench: 'twamm-orders',
        openOrders: open,
        submitMs: round(submit.wallMs / SAMPLES),
        cancelMs: round(cancel.wallMs / SAMPLES),
        instantSwapMs: round(swap.wallMs / SAMPLES),
        submitCpuMs: round(submit.cpuMs / SAMPLES),
        cancelCpuMs: round(cancel.cpuMs / SAMPLES),
        instantSwapCpuMs: round(swap.cpuMs / SAMPLES),
      }),
    );
  }
  db.close();
}

/**
 * One execution crossing `EXPIRIES` order expiries on a fresh pool: wall and CPU ms of the write and of a
 * projecting read. Order i asks for a duration of (i + 1) * `spacing` seconds.
 */
function executeOnce(EXPIRIES: number, spacing: bigint) {
  const { db, ledger, amm } = fresh();
  const lp = getAddress('0x00000000000000000000000000000000000000aa');
  ledger.deposit(TKA, lp, 10n ** 12n * E18, T0);
  ledger.deposit(TKB, lp, 10n ** 12n * E18, T0);
  amm.addLiquidity(lp, TKA, TKB, 10n ** 9n * E18, 10n ** 9n * E18, 0n, 0n, T0);
  for (let i = 0; i < 1000; i++) {
    ledger.deposit(TKA, owner(i), 10n ** 9n * E18, T0);
    ledger.deposit(TKB, owner(i), 10n ** 9n * E18, T0);
  }
  db.transaction(() => {
    for (let i = 0; i < EXPIRIES; i++) {
      // distinct asked-for end times, alternating directions (both order pools run until their last end)
      const duration = BigInt(i + 1) * spacing;
      const sellA = i % 2 === 0;
      amm.swap(owner(i), sellA ? TKA : TKB, sellA ? TKB : TKA, duration * 10n ** 12n, 0n, 0n, duration, T0);
    }
  });
  const trader = owner(7);
  const until = alignUp(T0 + BigInt(EXPIRIES) * spacing);
  const points = Number(db.prepare('SELECT COUNT(DISTINCT t) AS n FROM amm_schedule').get<{ n: bigint }>()!.n);
  const project = timed(() => amm.pool(TKA, TKB, until));
  const execute = timed(() => db.transaction(() => amm.swap(trader, TKA, TKB, E18, 0n, 0n, 0n, until)));
  const pool = amm.pool(TKA, TKB, until)!;
  if (pool.openOrdersA + pool.openOrdersB !== 0) throw new Error('Not every order expired.');
  db.close();
  return { points, executeMs: execute.wallMs, executeCpuMs: execute.cpuMs, projectReadMs: project.wallMs };
}

/**
 * Warm-up (JIT) on one full-size run, as in a running node, then RUNS measured runs: the median (and the
 * minimum) of each figure. A single cold sample on this shared machine mostly measures the JIT and the load.
 */
function executeBench(name: string, spacing: bigint, EXPIRIES = 10_000, RUNS = 3) {
  executeOnce(EXPIRIES, spacing);
  const runs = Array.from({ length: RUNS }, () => executeOnce(EXPIRIES, spacing));
  const median = (k: keyof (typeof runs)[number]) => runs.map((r) => r[k]).sort((a, b) => a - b)[RUNS >> 1]!;
  const min = (k: keyof (typeof runs)[number]) => Math.min(...runs.map((r) => r[k]));
  console.log(
    JSON.stringify({
      bench: name,
      expiries: EXPIRIES,
      points: runs[0]!.points,
      executeMs: round(median('executeMs')),
      executeCpuMs: round(median('executeCpuMs')),
      projectReadMs: round(median('projectReadMs')),
      executeMinMs: round(min('executeMs')),
      runs: RUNS,
    }),
  );
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

const only = argValue('--only');
if (only !== 'orders') {
  executeBench('twamm-execute', 8n);
  executeBench('twamm-execute-distinct', ORDER_INTERVAL);
}
if (only !== 'execute') ordersBench();
