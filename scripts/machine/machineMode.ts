// Machine mode for the corpus: replay.lua feeds every step to the stored snapshot through the emulator's cmio
// interface, with a fork-based rollback after each rejected advance and each inspect, and reports each step's
// outputs, reports, accept/reject and cycle count.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hex } from 'viem';
import type { Step } from './corpus.js';
import { evmAdvance } from './evmAdvance.js';
import type { StepResult } from './hostMode.js';

export interface Emulator {
  /** the built machine-emulator tree (src/ holds cartesi-machine.lua, the Lua modules and the servers) */
  dir: string;
  replayLua: string;
}

export async function runMachineMode(steps: Step[], snapshot: string, emulator: Emulator, work: string): Promise<StepResult[]> {
  const plan = join(work, 'plan.txt');
  const out = join(work, 'machine-results.jsonl');
  writeFileSync(plan, `${steps.map((s) => (s.kind === 'advance' ? `A ${evmAdvance(s)}` : `I ${s.payload}`)).join('\n')}\n`);
  const src = join(emulator.dir, 'src');
  const child = spawn('lua5.4', [emulator.replayLua, snapshot, plan, out], {
    env: {
      ...process.env,
      LUA_PATH: `${src}/?.lua;;`,
      LUA_CPATH: `${src}/?.so;;`,
      PATH: `${src}:${process.env.PATH}`,
    },
    // The machine's console (the back-end's stderr) and the replay's progress go to a log, not to this output.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log = (log + d).slice(-20000)));
  child.stderr.on('data', (d) => (log = (log + d).slice(-20000)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  writeFileSync(join(work, 'machine-console.log'), log);
  const lines = readFileSync(out, 'utf8').trim().split('\n').slice(1);
  if (code !== 0) {
    process.stderr.write(`${log.slice(-3000)}\n`);
    throw new Error(`replay.lua exited with ${code} after ${lines.length} of ${steps.length} steps`);
  }
  return lines.map((line) => {
    const r = JSON.parse(line) as { status: StepResult['status']; cycles: number; outputs: Hex[]; reports: Hex[] };
    return { status: r.status, outputs: r.outputs, reports: r.reports, cycles: r.cycles };
  });
}
