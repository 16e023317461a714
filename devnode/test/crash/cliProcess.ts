import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { REPO_ROOT } from '../../src/index.js';

/** A stack started as a developer starts it (`npm start -- <flags>`), in its own process group. */
export interface CliStack {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  http: string;
  /** anvil's own URL (the "direct:" address it prints). */
  chain: string;
  exited: Promise<number | null>;
}

/** Runs `npm start -- ...args` and resolves once it prints that the stack is up, with the URLs it printed. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 150_000, via: 'npm' | 'node' = 'npm'): Promise<CliStack> {
  // via 'node': the CLI itself is the child, so a test can kill the node process alone
  const [command, argv] = via === 'npm' ? ['npm', ['start', '--', ...args]] : [process.execPath, ['--import', 'tsx', 'devnode/src/cli.ts', ...args]];
  const child = spawn(command, argv, {
    cwd: REPO_ROOT,
    detached: true, // its own process group, which a test can kill as a whole
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  live.add(child);
  let out = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      live.delete(child);
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child, 'SIGKILL');
      reject(new Error(`npm start ${args.join(' ')} was not up within ${timeoutMs} ms:\n${out.slice(-4000)}`));
    }, timeoutMs);
    const onData = (d: Buffer): void => {
      out += d.toString('utf8');
      if (!out.includes('Ctrl-C stops everything.')) return;
      const http = /entry point\s+(http:\/\/\S+)/.exec(out)?.[1];
      const chain = /\(direct: (http:\/\/[^\s,]+),/.exec(out)?.[1];
      if (!http || !chain) return;
      clearTimeout(timer);
      resolve({ child, output: () => out, http, chain, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start ${args.join(' ')} exited with ${code} before it was up:\n${out.slice(-4000)}`));
    });
  });
}

const live = new Set<ChildProcess>();

/** Resolves once no process of the child's group is left (npm may exit before the stack it started has stopped). */
export async function groupGone(child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-child.pid!, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`process group ${child.pid} still alive after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Pids of processes whose environment mentions `needle` (the back-end's STREAMSWAP_DB holds the data dir). */
export function processesWithEnv(needle: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, 'utf8').includes(needle)) found.push(Number(entry));
    } catch {
      // gone, or not ours
    }
  }
  return found;
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Kills (SIGKILL) every stack a test started and left running. */
export async function killAll(): Promise<void> {
  const waits = [...live].map((c) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r()))));
  for (const c of live) killGroup(c, 'SIGKILL');
  await Promise.all(waits);
}
