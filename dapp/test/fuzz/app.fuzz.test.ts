import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appProperty } from './appFuzz.js';

/**
 * The composed model of the whole app (appFuzz.ts) in the regular suite: at least 100,000 random operations across
 * seeds (STREAMSWAP_FUZZ_OPS overrides), run by the same script as `npm run fuzz` with one worker process per core,
 * because vitest gives this package one worker on a 2-core machine. Fixed seeds: the suite is reproducible; the
 * long campaigns (`npm run fuzz -- --ops 1000000`) take fresh ones.
 */
const OPS = Number(process.env.STREAMSWAP_FUZZ_OPS ?? 100_000);
const root = fileURLToPath(new URL('../../../', import.meta.url));

function runFuzz(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'dapp/scripts/fuzz.ts', ...args], { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the whole app under random inputs (one composed model)', () => {
  it('runs in process: a few seeds through fast-check', () => {
    const counter = { ops: 0 };
    fc.assert(appProperty(counter), { seed: 42, numRuns: 3 });
    expect(counter.ops).toBeGreaterThan(0);
  }, 300_000);

  it(`keeps every token conserved, the stream books exact, what is shown spendable and rejections harmless (${OPS} operations)`, async () => {
    const { code, stdout, stderr } = await runFuzz(['--ops', String(OPS), '--seed', '1']);
    const line = stdout.trim().split('\n').at(-1) ?? '';
    expect({ code, line, stderr: code === 0 ? '' : stderr }).toMatchObject({ code: 0, line: expect.stringMatching(/^\{"fuzz":"app","ops":\d+,"seeds":\d+,"violations":0\}$/) });
    expect((JSON.parse(line) as { ops: number }).ops).toBeGreaterThanOrEqual(OPS);
  }, 3_600_000);
});
