/**
 * The riscv64 benchmark: with 100,000 open streams in the database, the time to open one more stream, to
 * make one instant swap, and to execute a streamed order (execute the pool's virtual orders and credit what the
 * trader's order bought so far). Every operation goes through the back-end's own Ledger/Amm APIs, on the SQLite binding
 * that openDatabase picks for this machine, inside one transaction like a rollup input.
 * Prints one JSON line: {"bench":"riscv","openStreams":100000,"openMs":..,"instantSwapMs":..,"executeMs":..}
 *
 *   node bench.mjs [N=100000]             fill an in-memory database with N streams, then measure
 *   node bench.mjs build <file> [N]       only fill <file> (test:riscv does this on the host: 100k
 *                                         openStream calls take minutes natively and hours under emulation)
 *   node bench.mjs run <file> [N]         measure on <file>, filled by `build` (test:riscv: under riscv64)
 * STREAMSWAP_SQLITE=better|wasm forces a binding.
 */
import { performance } from 'node:perf_hooks';
import { arch, argv } from 'node:process';
import type { Address } from 'viem';
import * as dapp from '../../dapp/src/index.js';

const [mode, file, count] = argv[2] === 'build' || argv[2] === 'run' ? argv.slice(2) : ['all', ':memory:', argv[2]];
const OPEN_STREAMS = Number(count ?? 100_000);
const T0 = 1_800_000_000n;
const DAY = 86_400n;
const E18 = 10n ** 18n;
const addr = (n: number): Address => `0x${n.toString(16).padStart(40, '0')}` as Address;
const TOKEN_A = '0x1000000000000000000000000000000000000001' as Address;
const TOKEN_B = '0x2000000000000000000000000000000000000002' as Address;
const WHALE = addr(0xa11ce);
const TRADER = addr(0xb0b);
const REPEAT = 15;
/**
 * Untimed runs of each operation before the timed ones. The back-end is one long-lived process (in the
 * Cartesi machine too: the machine keeps running between inputs), so after its first inputs V8 has compiled
 * the code paths and SQLite has prepared its statements. Under emulation that warm-up costs seconds and
 * would otherwise fill the median of 15; its cost is reported apart, as the first (cold) run.
 */
const WARMUP = 20;
/** The measured operations start after everything `build` did. */
const T_RUN = T0 + 1000n;

const round = (ms: number) => Number(ms.toFixed(3));
const { Ledger, Amm, openDatabase, sqliteBinding } = dapp as Record<string, any>;
if (typeof Ledger !== 'function' || typeof Amm !== 'function') {
  console.error('bench: dapp/src/index.ts does not export the Ledger and the Amm yet');
  process.exit(2);
}
const binding = sqliteBinding();
// `run` opens the file `build` filled, as the Cartesi machine opens its database file on /tmp (docs/riscv.md).
const db = openDatabase(file);
const ledger = new Ledger(db);
const amm = new Amm(db, ledger);

/**
 * Median wall time of `REPEAT` runs of one operation, each in its own transaction like a rollup input.
 * A median, because this machine's cores are shared: any one run can be preempted. The CPU time the
 * process spent (user + system) is printed beside it: it does not grow when another process takes the core.
 */
function medianMs(label: string, operation: (i: number) => void): number {
  const wall: number[] = [];
  const cpu: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < WARMUP + REPEAT; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    db.transaction(() => operation(i));
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    if (i < WARMUP) {
      warm.push(ms);
      continue;
    }
    wall.push(ms);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => round([...xs].sort((a, b) => a - b)[REPEAT >> 1]!);
  console.error(
    `bench: ${label}: median ${median(wall)} ms wall (min ${round(Math.min(...wall))}, max ${round(Math.max(...wall))}), ` +
      `median ${median(cpu)} ms CPU, ${REPEAT} runs`,
  );
  // Run by run, the untimed warm-up first: under emulation the first (cold) run carries V8's compilation.
  console.error(
    `bench: ${label}: warm-up ${warm.map((ms) => ms.toFixed(1)).join(' ')} ms (cold: first run), timed ${wall.map((ms) => ms.toFixed(1)).join(' ')} ms`,
  );
  return median(wall);
}

if (mode !== 'run') {
  const setupStart = performance.now();
  db.transaction(() => {
    ledger.deposit(TOKEN_A, WHALE, BigInt(OPEN_STREAMS + 100) * 1000n * E18 + 10n ** 9n * E18, T0);
    ledger.deposit(TOKEN_B, WHALE, 10n ** 9n * E18, T0);
    ledger.deposit(TOKEN_A, TRADER, 10n ** 6n * E18, T0);
    ledger.deposit(TOKEN_B, TRADER, 10n ** 6n * E18, T0);
  });
  // In chunks: one huge transaction would hold every change in the journal at once.
  for (let done = 0; done < OPEN_STREAMS; done += 5_000) {
    db.transaction(() => {
      for (let i = done; i < Math.min(done + 5_000, OPEN_STREAMS); i++) {
        // All from one sender: the worst case for the sender's aggregates and schedules.
        ledger.openStream(TOKEN_A, WHALE, addr(0x100000 + i), 1000n * E18, 0n, 30n * DAY + BigInt(i % 1000), T0);
      }
    });
  }
  db.transaction(() => {
    amm.addLiquidity(WHALE, TOKEN_A, TOKEN_B, 10n ** 7n * E18, 10n ** 7n * E18, 0n, 0n, T0 + 20n);
    // A long streamed order on the other side keeps the pool's virtual-order machinery busy.
    amm.swap(WHALE, TOKEN_B, TOKEN_A, 10n ** 4n * E18, 0n, 0n, 30n * DAY, T0 + 30n);
  });
  console.error(`bench: ${arch}, binding ${binding}: ${OPEN_STREAMS} open streams set up in ${(round(performance.now() - setupStart) / 1000).toFixed(1)} s`);
}

if (mode === 'build') {
  // A plain rollback journal, so that any binding (also one without WAL support) can open the file.
  db.exec('PRAGMA journal_mode = DELETE');
  db.close();
  process.exit(0);
}

// One more stream, with OPEN_STREAMS streams already open.
const openMs = medianMs('open a stream', (i) =>
  ledger.openStream(TOKEN_A, WHALE, addr(0xfeed00 + i), 5n * E18, 0n, 7n * DAY, T_RUN + BigInt(i)),
);
// Instant swaps in alternating directions keep the pool near its price.
const instantSwapMs = medianMs('instant swap', (i) =>
  i % 2 === 0
    ? amm.swap(TRADER, TOKEN_A, TOKEN_B, 100n * E18, 0n, 0n, 0n, T_RUN + 100n + BigInt(i))
    : amm.swap(TRADER, TOKEN_B, TOKEN_A, 90n * E18, 0n, 0n, 0n, T_RUN + 100n + BigInt(i)),
);
const order = db.transaction(() => amm.swap(TRADER, TOKEN_A, TOKEN_B, 1000n * E18, 0n, 0n, 10n * DAY, T_RUN + 200n));
if (order.kind !== 'order') throw new Error('bench: the streamed swap did not create an order');
// Hours later each time, the order is executed and what it bought so far is credited to the trader: the work
// a debit the trader's own balance cannot cover, a cancel, or any write to the pool starts with.
const executeMs = medianMs('streamed-order execution', (i) => amm.settle(TOKEN_B, TRADER, T_RUN + 200n + BigInt(i + 1) * 3600n));

console.error(`bench: ${arch}, node ${process.version}, binding ${binding}`);
console.log(JSON.stringify({ bench: 'riscv', openStreams: OPEN_STREAMS, openMs, instantSwapMs, executeMs }));
db.close();
