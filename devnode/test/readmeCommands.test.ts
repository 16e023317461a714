/**
 * "Every command the README shows works exactly as written": every `npm ...` command in the root README and the devnode
 * README (```bash blocks and inline code) is found here and checked.
 *
 * - Run fully, exactly as written (through bash, in its own process group): every `npm start ...` form. The test waits
 *   until the stack says it is up, checks what its flags ask for (data dir, epoch length, claimer, no web, --fresh), then
 *   stops it with SIGTERM, as Ctrl-C does. So that it can run beside a developer's own stack, the defaults of the data
 *   dir and the ports come from DEVNODE_DATA_DIR / DEVNODE_*_PORT=0 (a flag written in the command still wins).
 * - Run in a cheap form: `npm run deploy -- ...` and `npm run reader -- ...` with `--help` instead of their values: exit 0,
 *   and every flag the README line uses is in the help (contracts/test/deployPublic.test.ts runs the deploy lines fully).
 * - Checked without running (they are whole test suites, benches or builds that other tests and `npm test` run): any other
 *   `npm run <script> [-w <workspace>] [-- flags]`: the script exists, and when flags follow `--` the root script does not
 *   re-run npm without passing them on (`npm run x -w y` swallows them; `npm run x -w y --` passes them).
 * - Not run: `npm ci` and `npm test` (`.ci/run` runs exactly these), `npm i -g ...` (a global install).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/index.js';
import { groupGone, killAll, killGroup } from './crash/cliProcess.js';

const READMES = ['README.md', 'devnode/README.md'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'devnode-readme-'));
afterAll(async () => {
  await killAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Every npm command a README shows: lines of ```bash blocks and inline `code`, split at `&&`, comments dropped. */
export function npmCommands(markdown: string): string[] {
  const found: string[] = [];
  const add = (text: string): void => {
    for (const part of text.replace(/\s+#.*$/, '').split('&&')) {
      const cmd = part.trim();
      // env assignments may precede npm (VITE_X="$Y" npm run build -w web)
      if (/^(?:[A-Z_][A-Z0-9_]*=(?:"[^"]*"|'[^']*'|\S+)\s+)*npm\s+\S/.test(cmd)) found.push(cmd);
    }
  };
  for (const block of markdown.matchAll(/```bash\n([\s\S]*?)```/g)) for (const line of block[1]!.split('\n')) add(line);
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  for (const code of prose.matchAll(/`([^`\n]+)`/g)) add(code[1]!);
  return [...new Set(found)];
}

type Plan =
  | { kind: 'full'; cmd: string }
  | { kind: 'help'; cmd: string; script: string; flags: string[] }
  | { kind: 'static'; cmd: string; script: string; workspace?: string; passesFlags: boolean }
  | { kind: 'skip'; cmd: string; why: string };

function plan(cmd: string): Plan {
  const words = cmd.replace(/^(?:[A-Z_][A-Z0-9_]*=(?:"[^"]*"|'[^']*'|\S+)\s+)*/, '').split(/\s+/);
  const dashDash = words.indexOf('--');
  const args = dashDash >= 0 ? words.slice(dashDash + 1) : [];
  const flags = args.filter((a) => a.startsWith('--')).map((a) => a.replace(/^\[/, '').replace(/[\]…]+$/, '').split('=')[0]!);
  if (words[1] === 'ci') return { kind: 'skip', cmd, why: 'reinstalls node_modules of the shared tree; .ci/run runs it' };
  if (words[1] === 'test') return { kind: 'skip', cmd, why: 'the whole suite; .ci/run runs it' };
  if ((words[1] === 'i' || words[1] === 'install') && words.includes('-g')) return { kind: 'skip', cmd, why: 'a global install' };
  if (words[1] === 'start') return { kind: 'full', cmd };
  if (words[1] === 'run' && words[2]) {
    const ws = words.indexOf('-w');
    const workspace = ws >= 0 && (dashDash < 0 || ws < dashDash) ? words[ws + 1] : undefined;
    if (!workspace && (words[2] === 'deploy' || words[2] === 'reader') && args.length > 0) return { kind: 'help', cmd, script: words[2], flags };
    return { kind: 'static', cmd, script: words[2], workspace, passesFlags: args.length > 0 };
  }
  throw new Error(`a README shows an npm command this test does not know how to check: ${cmd}`);
}

const plans = READMES.flatMap((f) => npmCommands(fs.readFileSync(path.join(REPO_ROOT, f), 'utf8')).map((cmd) => ({ file: f, ...plan(cmd) }))).filter(
  (p, i, all) => all.findIndex((q) => q.cmd === p.cmd) === i, // a command shown in both READMEs runs once
);
const scripts = (dir: string): Record<string, string> => (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};

/** Runs a README command exactly as written, in bash, in its own process group. */
function run(cmd: string, env: NodeJS.ProcessEnv) {
  const child = spawn('bash', ['-c', cmd], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

describe('README commands', () => {
  it('finds the commands and has a plan for every one', () => {
    const kinds = plans.map((p) => p.kind);
    expect(kinds).toContain('full');
    expect(plans.map((p) => p.cmd)).toEqual(expect.arrayContaining(['npm start', 'npm start -- --fresh', 'npm start -- --help']));
    // the list, for the log: what runs fully, in a cheap form, statically, or not at all
    for (const p of plans) console.log(`[readme] ${p.kind.padEnd(6)} ${p.file}: ${p.cmd}${p.kind === 'skip' ? `  (${p.why})` : ''}`);
  });

  for (const p of plans.filter((x) => x.kind === 'static')) {
    it(`${p.cmd} (${p.file}): the script exists${p.kind === 'static' && p.passesFlags ? ' and passes its flags on' : ''}`, () => {
      if (p.kind !== 'static') return;
      const root = scripts('.');
      const own = p.workspace ? scripts(p.workspace) : root;
      expect(own[p.script], `script ${p.script} in ${p.workspace ?? 'the root'} package.json`).toBeDefined();
      if (p.passesFlags && !p.workspace && /^npm\s/.test(root[p.script]!)) expect(root[p.script], `root script ${p.script} re-runs npm`).toMatch(/\s--$/);
    });
  }

  for (const p of plans.filter((x) => x.kind === 'help')) {
    it(`${p.cmd} (${p.file}): npm run ${p.kind === 'help' ? p.script : ''} -- --help names every flag`, { timeout: 120_000 }, async () => {
      if (p.kind !== 'help') return;
      const r = run(`npm run ${p.script} -- --help`, {});
      expect(await r.exited, r.output()).toBe(0);
      for (const flag of p.flags) expect(r.output(), `${flag} in the help of npm run ${p.script}`).toContain(flag);
    });
  }

  let n = 0;
  for (const p of plans.filter((x) => x.kind === 'full')) {
    it(`${p.cmd} (${p.file}): runs as written`, { timeout: 240_000 }, async () => {
      const dataDir = path.join(tmp, `run-${n++}`);
      const env = { DEVNODE_DATA_DIR: dataDir, DEVNODE_ANVIL_PORT: '0', DEVNODE_ROLLUP_PORT: '0', DEVNODE_HTTP_PORT: '0', DEVNODE_WEB_PORT: '0', DEVNODE_READER_PORT: '0' };
      const words = p.cmd.split(/\s+/);
      const flag = (name: string): string | undefined => (words.includes(name) ? words[words.indexOf(name) + 1] : undefined);
      if (words.includes('--help')) {
        const r = run(p.cmd, env);
        expect(await r.exited, r.output()).toBe(0);
        expect(r.output()).toContain('usage: npm start -- [flags]');
        return;
      }
      const ownDir = flag('--data-dir');
      const expectedDir = ownDir ? path.resolve(REPO_ROOT, ownDir) : dataDir;
      const createdDir = !fs.existsSync(expectedDir);
      fs.mkdirSync(expectedDir, { recursive: true });
      const marker = path.join(expectedDir, 'left-from-before');
      fs.writeFileSync(marker, '');
      const r = run(p.cmd, env);
      try {
        const up = await Promise.race([
          (async () => {
            while (!r.output().includes('Ctrl-C stops everything.')) await new Promise((res) => setTimeout(res, 100));
            return true;
          })(),
          r.exited.then((code) => {
            throw new Error(`${p.cmd} exited with ${code} before it was up:\n${r.output().slice(-3000)}`);
          }),
        ]);
        expect(up).toBe(true);
        const out = r.output();
        expect(out).toContain(`data in ${expectedDir}`);
        expect(fs.existsSync(marker), '--fresh deletes the data dir first').toBe(!words.includes('--fresh'));
        const http = /entry point\s+(http:\/\/\S+)/.exec(out)![1]!;
        const book = (await (await fetch(`${http}/addresses`)).json()) as { epochLength: number; authorityOwner: string };
        expect(book.epochLength).toBe(Number(flag('--epoch-length') ?? 4));
        if (flag('--claimer') === 'account0') expect(book.authorityOwner).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
        expect(/web app\s+http/.test(out)).toBe(!words.includes('--no-web'));
        const trusted = flag('--trust-origin');
        if (trusted) {
          const res = await fetch(`${http}/anvil`, { method: 'POST', headers: { Origin: trusted }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'evm_mine', params: [] }) });
          expect(((await res.json()) as { error?: unknown }).error).toBeUndefined();
        }
      } finally {
        killGroup(r.child, 'SIGTERM');
        await r.exited;
        await groupGone(r.child).catch(() => killGroup(r.child, 'SIGKILL'));
        if (createdDir && ownDir) fs.rmSync(expectedDir, { recursive: true, force: true });
      }
    });
  }
});
