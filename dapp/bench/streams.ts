/**
 * npm run bench:streams [-- --sizes 25000,100000 [--accounts 10000]]   (default: 25k, 100k, 1M, 10M with one
 * sender, then 1M over 10,000 senders; STREAMSWAP_SQLITE=wasm measures the WebAssembly fallback binding)
 *
 * For each size: a fresh on-disk database, `accounts` senders funded by deposits, N open streams filled
 * through the bench-only bulk path (bench/lib/bulkOpenStreams.ts: same state as openStream, checked funds),
 * then the public API measured on top, each operation in its own transaction like a rollup input:
 * openStream (a new stream by a sender holding N/accounts streams), balanceOf (that sender), cancelStream
 * (a random existing stream). Prints one JSON line per size; ms are medians of 21 operations; bytesPerStream =
 * database file size after a WAL checkpoint / N. Each size runs in its own process so peakRssMb is its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Address } from 'viem';
import { Ledger } from '../src/ledger/index.js';
import { openDatabase } from '../src/storage/openDatabase.js';
import { bulkOpenStreams, type BulkStream } from './lib/bulkOpenStreams.js';

const TOKEN: Address = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
const T0 = 1_700_000_000n;
const OPS = 21;
const BATCH = 250_000;

const DEFAULT_RUNS: [number, number][] = [
  [25_000, 1],
  [100_000, 1],
  [1_000_000, 1],
  [10_000_000, 1],
  [1_000_000, 10_000],
];

function address(i: number): Address {
  return `0x${(0xacc00000 + i).toString(16).padStart(40, '0')}` as Address;
}

/** A small deterministic generator (xorshift32): the same fill on every run. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.floor(s.length / 2)]!.toFixed(4));
}

function runOne(n: number, accounts: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'bench-streams-'));
  const path = join(dir, 'ledger.sqlite');
  const db = openDatabase(path);
  // A 1 GB page cache while filling; the binding's own setting is restored before measuring.
  const cacheSize = db.prepare('PRAGMA cache_size').get<{ cache_size: bigint }>()!.cache_size;
  db.exec('PRAGMA cache_size = -1000000');
  const ledger = new Ledger(db);
  const random = rng(n ^ accounts);
  // Senders 0..accounts-1; with one sender the receivers are 1,000 other accounts.
  const receiversPool = accounts === 1 ? 1000 : accounts;
  const receiverOf = (sender: number): number =>
    accounts === 1 ? 1 + Math.floor(random() * receiversPool) : (sender + 1 + Math.floor(random() * (accounts - 1))) % accounts;
  const amount = (): bigint => 10n ** 18n + BigInt(Math.floor(random() * 1e15)) * 1000n;
  const duration = (): bigint => 86_400n + BigInt(Math.floor(random() * 365 * 86_400));

  db.transaction(() => {
    for (let a = 0; a < accounts; a++) ledger.deposit(TOKEN, address(a), 10n ** 40n, T0);
  });
  const fillStart = performance.now();
  for (let done = 0; done < n; ) {
    const batch: BulkStream[] = [];
    for (let i = 0; i < BATCH && done < n; i++, done++) {
      const s = done % accounts;
      batch.push({ sender: address(s), receiver: address(receiverOf(s)), amount: amount(), duration: duration() });
    }
    bulkOpenStreams(db, ledger, TOKEN, batch, T0);
  }
  const fillMs = performance.now() - fillStart;
  db.exec(`PRAGMA cache_size = ${cacheSize}`);

  const openMs: number[] = [];
  const readMs: number[] = [];
  const cancelMs: number[] = [];
  let t = T0 + 60n;
  for (let i = 0; i < OPS; i++) {
    t += 1n;
    const s = Math.floor(random() * accounts);
    const sender = address(s);
    const receiver = address(receiverOf(s));
    let t0 = performance.now();
    db.transaction(() => ledger.openStream(TOKEN, sender, receiver, amount(), 0n, duration(), t));
    openMs.push(performance.now() - t0);
    t0 = performance.now();
    ledger.balanceOf(TOKEN, sender, t);
    readMs.push(performance.now() - t0);
    const victim = BigInt(1 + Math.floor(random() * n));
    const owner = ledger.stream(victim, t)!.sender;
    t0 = performance.now();
    db.transaction(() => ledger.cancelStream(victim, owner, t));
    cancelMs.push(performance.now() - t0);
  }
  db.close(); // closing checkpoints the WAL (better-sqlite3) into the database file
  const bytes = statSync(path).size;
  rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      bench: 'streams',
      openStreams: n,
      accounts,
      openMs: median(openMs),
      readMs: median(readMs),
      cancelMs: median(cancelMs),
      bytesPerStream: Math.round(bytes / n),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
  console.error(`# n=${n} accounts=${accounts}: bulk fill ${(fillMs / 1000).toFixed(1)} s`);
}

function main(): void {
  const args = process.argv.slice(2);
  const one = args.indexOf('--one');
  if (one >= 0) {
    const [n, a] = args[one + 1]!.split(':').map(Number);
    runOne(n!, a!);
    return;
  }
  const sizesArg = args.indexOf('--sizes');
  const accountsArg = args.indexOf('--accounts');
  const runs: [number, number][] =
    sizesArg >= 0
      ? args[sizesArg + 1]!.split(',').map((s) => [Number(s), accountsArg >= 0 ? Number(args[accountsArg + 1]) : 1])
      : DEFAULT_RUNS;
  for (const [n, a] of runs) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--one', `${n}:${a}`], { stdio: 'inherit' });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
}

main();
