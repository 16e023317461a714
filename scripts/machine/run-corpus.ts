// test:machine's comparison: makes the corpus, runs it in host mode and in the Cartesi machine (at once), and
// compares every step's accept/reject, outputs and reports byte for byte. Prints the cycle figures as one JSON
// line, then `N passed, M failed` (one step = one advance input or inspect query).
//
// node run-corpus.mjs --snapshot DIR --emulator DIR --replay replay.lua --host-main main.mjs --work DIR
//                     [--advances 1000] [--inspect-every 8] [--seed 1] [--boot-cycles N]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hexToString } from 'viem';
import { type InputLabel, type Step, makeCorpus } from './corpus.js';
import { type StepResult, runHostMode } from './hostMode.js';
import { runMachineMode } from './machineMode.js';

const { values: opt } = parseArgs({
  options: {
    snapshot: { type: 'string' },
    emulator: { type: 'string' },
    replay: { type: 'string' },
    'host-main': { type: 'string' },
    work: { type: 'string' },
    advances: { type: 'string', default: '1000' },
    'inspect-every': { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' },
    'boot-cycles': { type: 'string' },
    'host-sqlite': { type: 'string' },
  },
});
for (const k of ['snapshot', 'emulator', 'replay', 'host-main', 'work'] as const) if (!opt[k]) throw new Error(`--${k} is required`);
const work = opt.work!;
mkdirSync(work, { recursive: true });
const log = (m: string) => process.stderr.write(`== ${new Date().toISOString().slice(11, 19)} ${m}\n`);

const steps: Step[] = makeCorpus({ advances: Number(opt.advances), inspectEvery: Number(opt['inspect-every']), seed: Number(opt.seed) });
writeFileSync(join(work, 'corpus.json'), JSON.stringify(steps));
const advances = steps.filter((s) => s.kind === 'advance').length;
log(`corpus: ${advances} advance inputs and ${steps.length - advances} inspect queries (seed ${opt.seed})`);

const started = Date.now();
const [host, machine] = await Promise.all([
  runHostMode(steps, {
    command: process.execPath,
    args: [opt['host-main']!],
    env: {
      STREAMSWAP_DB: join(work, 'host.sqlite'),
      ...(opt['host-sqlite'] ? { STREAMSWAP_SQLITE: opt['host-sqlite'] } : {}),
    },
  }).then((r) => {
    log(`host mode done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return r;
  }),
  runMachineMode(steps, opt.snapshot!, { dir: opt.emulator!, replayLua: opt.replay! }, work).then((r) => {
    log(`machine done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return r;
  }),
]);

// ---- compare ----
const same = (a: StepResult | undefined, b: StepResult | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.status === b.status &&
  a.outputs.length === b.outputs.length &&
  a.reports.length === b.reports.length &&
  a.outputs.every((o, i) => o.toLowerCase() === b.outputs[i]!.toLowerCase()) &&
  a.reports.every((o, i) => o.toLowerCase() === b.reports[i]!.toLowerCase());
let passed = 0;
let failed = 0;
const shown: string[] = [];
const rejectCodes = new Map<string, number>();
const compare: string[] = [];
steps.forEach((step, i) => {
  const h = host[i];
  const m = machine[i];
  const ok = same(h, m);
  if (ok) passed += 1;
  else {
    failed += 1;
    if (shown.length < 10) shown.push(`step ${i} (${step.kind === 'advance' ? `input ${step.index}, ${step.label}` : step.route}): host ${JSON.stringify(h)} machine ${JSON.stringify(m)}`);
  }
  if (step.kind === 'advance' && h?.status === 'rejected') {
    for (const r of h.reports) {
      try {
        const code = (JSON.parse(hexToString(r)) as { error?: { code?: string } }).error?.code ?? '?';
        rejectCodes.set(code, (rejectCodes.get(code) ?? 0) + 1);
      } catch {
        rejectCodes.set('?', (rejectCodes.get('?') ?? 0) + 1);
      }
    }
  }
  compare.push(JSON.stringify({ step: i, kind: step.kind, label: step.kind === 'advance' ? step.label : step.route, equal: ok, host: h?.status, machine: m?.status, cycles: m?.cycles }));
});
writeFileSync(join(work, 'compare.jsonl'), `${compare.join('\n')}\n`);
for (const s of shown) process.stderr.write(`MISMATCH ${s}\n`);
process.stderr.write(`reject codes seen (host mode): ${[...rejectCodes].map(([c, n]) => `${c}×${n}`).join(', ')}\n`);

// ---- cycles: per kind, the first one (cold V8: code not compiled yet) and the median of the rest (warm) ----
const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : Math.round((s[s.length / 2 - 1]! + s[s.length / 2]!) / 2);
};
const byKind = new Map<string, number[]>();
steps.forEach((step, i) => {
  const cycles = machine[i]?.cycles;
  if (cycles === undefined) return;
  const kind: InputLabel | 'inspect' =
    step.kind === 'inspect' ? 'inspect' : host[i]?.status === 'rejected' ? 'reject' : step.label === 'reject' ? 'other' : step.label;
  byKind.set(kind, [...(byKind.get(kind) ?? []), cycles]);
});
const kinds = ['deposit', 'transfer', 'stream', 'cancelStream', 'withdraw', 'addLiquidity', 'swap', 'order', 'cancelSwap', 'reject'] as const;
const warm = (k: string) => median((byKind.get(k) ?? []).slice(1));
const cold = (k: string) => byKind.get(k)?.[0] ?? null;
const cyclesPerInput = Object.fromEntries(kinds.map((k) => [k, warm(k)]));
const coldCyclesPerInput = Object.fromEntries([...kinds, 'removeLiquidity', 'inspect'].map((k) => [k, cold(k)]));
const bootCycles = opt['boot-cycles'] ? Number(opt['boot-cycles']) : null;
const warmMax = Math.max(...kinds.map((k) => warm(k) ?? 0), warm('removeLiquidity') ?? 0);
console.log(
  JSON.stringify({
    bench: 'machine',
    inputs: advances,
    outputsEqual: failed === 0 && host.length === steps.length && machine.length === steps.length,
    bootCycles,
    cyclesPerInput,
    inspectCycles: warm('inspect'),
    inspects: steps.length - advances,
    removeLiquidityCycles: warm('removeLiquidity'),
    coldCyclesPerInput,
    budget: { warmInputMax: warmMax, warmInputLimit: 25_000_000, bootLimit: 1_500_000_000, met: warmMax < 25_000_000 && bootCycles !== null && bootCycles < 1_500_000_000 },
  }),
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
