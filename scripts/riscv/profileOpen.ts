/**
 * Profiling aid for the riscv64 open-stream figure (not part of any test): fills N streams from one sender with
 * bulkOpenStreams, gives that sender a 30-day streamed order on a pool (the AMM registered as the ledger's
 * balance extension, as in the back-end and the riscv bench), then times ledger.openStream (median of R, each in
 * its own transaction) and counts the SQL statements one open runs. `--cpu-prof` on the node command line
 * profiles it.
 *   STREAMSWAP_SQLITE=wasm npx tsx scripts/riscv/profileOpen.ts [N=100000] [R=200] [file]
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Address } from 'viem';
import { bulkOpenStreams } from '../../dapp/bench/lib/bulkOpenStreams.js';
import { Amm } from '../../dapp/src/amm/Amm.js';
import { Ledger } from '../../dapp/src/ledger/Ledger.js';
import type { SqlDatabase } from '../../dapp/src/storage/SqlDatabase.js';
import { openDatabase } from '../../dapp/src/storage/openDatabase.js';
import { stateDigest } from '../../dapp/src/storage/stateDigest.js';

const N = Number(process.argv[2] ?? 100_000);
const R = Number(process.argv[3] ?? 200);
const file = process.argv[4] ?? ':memory:';
if (file !== ':memory:') rmSync(file, { force: true });
const E18 = 10n ** 18n;
const T0 = 1_800_000_000n;
const addr = (n: number): Address => `0x${n.toString(16).padStart(40, '0')}` as Address;
const TOKEN = '0x1000000000000000000000000000000000000001' as Address;
const OTHER = '0x2000000000000000000000000000000000000002' as Address;
const WHALE = addr(0xa11ce);

const raw = openDatabase(file);
const counts = new Map<string, number>();
let counting = false;
const db: SqlDatabase = {
  ...raw,
  prepare(sql) {
    const s = raw.prepare(sql);
    const count = () => counting && counts.set(sql, (counts.get(sql) ?? 0) + 1);
    return {
      run: (...p) => (count(), s.run(...p)),
      get: (...p) => (count(), s.get(...p)),
      all: (...p) => (count(), s.all(...p)),
    } as typeof s;
  },
  exec(sql) {
    if (counting) counts.set(`exec ${sql}`, (counts.get(`exec ${sql}`) ?? 0) + 1);
    raw.exec(sql);
  },
  transaction: (fn) => raw.transaction(fn),
  close: () => raw.close(),
};
const ledger = new Ledger(db);
const amm = new Amm(db, ledger);
db.transaction(() => {
  ledger.deposit(TOKEN, WHALE, BigInt(N + 10_000) * 1000n * E18 + 10n ** 7n * E18, T0);
  ledger.deposit(OTHER, WHALE, 10n ** 8n * E18, T0);
});
const fill = performance.now();
for (let done = 0; done < N; done += 10_000) {
  const streams = [];
  for (let i = done; i < Math.min(done + 10_000, N); i++)
    streams.push({ sender: WHALE, receiver: addr(0x100000 + i), amount: 1000n * E18, duration: 2_592_000n + BigInt(i % 1000) });
  bulkOpenStreams(db, ledger, TOKEN, streams, T0);
}
db.transaction(() => {
  amm.addLiquidity(WHALE, TOKEN, OTHER, 10n ** 7n * E18, 10n ** 7n * E18, 0n, 0n, T0 + 20n);
  // the sender buys TOKEN over 30 days: its proceeds are owed to it in the token it streams
  amm.swap(WHALE, OTHER, TOKEN, 10n ** 4n * E18, 0n, 0n, 2_592_000n, T0 + 30n);
});
console.error(`filled ${N} in ${((performance.now() - fill) / 1000).toFixed(1)} s`);
const times: number[] = [];
for (let i = 0; i < R; i++) {
  counting = i === R - 1;
  const s = performance.now();
  db.transaction(() => ledger.openStream(TOKEN, WHALE, addr(0xfeed00 + i), 5n * E18, 0n, 604_800n, T0 + 1000n + BigInt(i)));
  times.push(performance.now() - s);
}
counting = false;
const sorted = [...times].sort((a, b) => a - b);
console.error(`open: median ${sorted[R >> 1]!.toFixed(3)} ms, first ${times[0]!.toFixed(3)}, min ${sorted[0]!.toFixed(3)} (${R} runs)`);
let total = 0;
for (const [sql, n] of counts) {
  total += n;
  console.error(`  ${n}x ${sql.replace(/\s+/g, ' ').slice(0, 110)}`);
}
console.error(`  ${total} statements per open`);
if (process.env.DIGEST) console.error(`digest ${stateDigest(db)}`);
db.close();
