/**
 * `npm run fuzz -- --ops N --seed S [--jobs J]` (from the repository root): the composed model of the whole app
 * (test/fuzz/appFuzz.ts) for at least N random operations. Each random input sequence is generated from its own seed,
 * S, S+1, S+2, ... (J worker processes take every J-th seed; J defaults to the machine's cores). Reproduce one sequence
 * with `--ops 1 --seed <its seed> --jobs 1`. Prints one JSON line `{"fuzz":"app","ops":N,"seeds":K,"violations":0}`;
 * on a violation it prints the seed, the step and the shrunk input sequence (up to the failing step) and exits 1.
 * Progress goes to stderr.
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { appProperty, Violation } from '../test/fuzz/appFuzz.js';

const { values } = parseArgs({
  options: {
    ops: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    jobs: { type: 'string' },
    worker: { type: 'string' },
  },
});
const target = Number(values.ops);
if (!Number.isSafeInteger(target) || target < 1) throw new Error(`--ops must be a positive integer, got ${values.ops}`);
const first = values.seed === undefined ? Date.now() % 1_000_000_000 : Number(values.seed);
if (!Number.isSafeInteger(first)) throw new Error(`--seed must be an integer, got ${values.seed}`);
const jobs = values.jobs === undefined ? Math.max(1, availableParallelism()) : Number(values.jobs);
if (!Number.isSafeInteger(jobs) || jobs < 1) throw new Error(`--jobs must be a positive integer, got ${values.jobs}`);

const bigintJson = (v: unknown) =>
  JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? `0x${Buffer.from(x).toString('hex')}` : x));

interface Result {
  fuzz: 'app';
  ops: number;
  seeds: number;
  violations: number;
  seed?: number;
  step?: number | null;
  message?: string;
  sequence?: unknown[];
}

/** Runs seeds first, first + stride, ... until `ops` operations ran; stops at the first violation. */
function runSeeds(ops: number, start: number, stride: number, progress: (ops: number, seeds: number) => void): Result {
  const counter = { ops: 0 };
  let seeds = 0;
  while (counter.ops < ops) {
    const seed = start + seeds * stride;
    seeds += 1;
    const before = counter.ops;
    // shrinking re-runs long sequences: bounded to 10 minutes (the best counterexample so far is reported)
    const result = fc.check(appProperty(counter), { seed, numRuns: 1, interruptAfterTimeLimit: 600_000 });
    if (result.failed) {
      const error = result.errorInstance;
      const step = error instanceof Violation ? error.step : null;
      const shrunk = (result.counterexample?.[0] ?? []) as unknown[];
      const sequence = step === null ? shrunk : shrunk.slice(0, step);
      const message = error instanceof Error ? `${error.message}${error instanceof Violation ? '' : `\n${error.stack ?? ''}`}` : String(error);
      return { fuzz: 'app', ops: before, seeds, violations: 1, seed, step, message, sequence: JSON.parse(bigintJson(sequence)) as unknown[] };
    }
    progress(counter.ops, seeds);
  }
  return { fuzz: 'app', ops: counter.ops, seeds, violations: 0 };
}

function report(result: Result): void {
  if (result.violations > 0) {
    process.stderr.write(`fuzz: VIOLATION with seed ${result.seed} at step ${result.step}: ${result.message}\n`);
    process.stderr.write(
      `fuzz: shrunk input sequence (${result.sequence?.length} operations; reproduce: npm run fuzz -- --ops 1 --seed ${result.seed} --jobs 1):\n${(result.sequence ?? []).map((op, i) => `  ${i + 1}. ${JSON.stringify(op)}`).join('\n')}\n`,
    );
  }
  console.log(JSON.stringify(result));
}

if (values.worker !== undefined) {
  // a worker: every `jobs`-th seed from first + worker; sends its progress and result to the coordinator
  const w = Number(values.worker);
  const result = runSeeds(target, first + w, jobs, (ops, seeds) => process.send?.({ progress: { ops, seeds } }));
  process.send?.({ result });
} else if (jobs === 1) {
  const started = Date.now();
  let last = started;
  process.stderr.write(`fuzz: app model, ${target} operations from seed ${first}\n`);
  const result = runSeeds(target, first, 1, (ops, seeds) => {
    if (Date.now() - last < 30_000) return;
    last = Date.now();
    process.stderr.write(`fuzz: ${ops} operations, ${seeds} seeds, ${((last - started) / 1000).toFixed(0)} s\n`);
  });
  process.stderr.write(`fuzz: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  report(result);
  process.exitCode = result.violations > 0 ? 1 : 0;
} else {
  const started = Date.now();
  let last = started;
  process.stderr.write(`fuzz: app model, ${target} operations from seed ${first}, ${jobs} worker processes\n`);
  const share = Math.ceil(target / jobs);
  const progress = new Array<{ ops: number; seeds: number }>(jobs).fill({ ops: 0, seeds: 0 });
  const results: Result[] = [];
  const children = Array.from({ length: jobs }, (_, w) =>
    fork(process.argv[1]!, ['--ops', String(share), '--seed', String(first), '--jobs', String(jobs), '--worker', String(w)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }),
  );
  const finish = (result: Result) => {
    for (const c of children) if (c.exitCode === null) c.kill();
    process.stderr.write(`fuzz: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    report(result);
    process.exit(result.violations > 0 ? 1 : 0);
  };
  children.forEach((child, w) => {
    child.on('message', (m: { progress?: { ops: number; seeds: number }; result?: Result }) => {
      if (m.progress) {
        progress[w] = m.progress;
        if (Date.now() - last > 30_000) {
          last = Date.now();
          const ops = progress.reduce((s, p) => s + p.ops, 0);
          process.stderr.write(`fuzz: ${ops} operations, ${progress.reduce((s, p) => s + p.seeds, 0)} seeds, ${((last - started) / 1000).toFixed(0)} s\n`);
        }
      }
      if (m.result) {
        if (m.result.violations > 0) finish(m.result);
        results.push(m.result);
        if (results.length === jobs) {
          finish({ fuzz: 'app', ops: results.reduce((s, r) => s + r.ops, 0), seeds: results.reduce((s, r) => s + r.seeds, 0), violations: 0 });
        }
      }
    });
    child.on('exit', (code) => {
      if (code !== 0 && code !== null && results.length < jobs) {
        process.stderr.write(`fuzz: worker ${w} exited with code ${code}\n`);
        process.exit(2);
      }
    });
  });
}
