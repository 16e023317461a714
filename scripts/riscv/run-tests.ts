/**
 * Runs bundled vitest test files (see vitest-shim.ts) one after another in this process and prints
 * every test's outcome, then a closing `N passed, M failed[, K skipped]` line. Exit code 1 if any failed.
 *
 * Usage: node run-tests.mjs <list file>   (one bundled test file a line, or `BUILD-FAILED <file>: <why>`)
 * Like vitest, every test file runs in a process of its own (`--file <bundled test file>`), so what one
 * file leaves behind (open databases, their WebAssembly memory) cannot affect the next.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, takeCollectedSuite, type ShimSuite, type ShimTest } from './vitest-shim.js';

type Hook = (...args: unknown[]) => unknown;
let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];

function hasOnly(suite: ShimSuite): boolean {
  return suite.children.some((c) => c.mode === 'only' || (c.kind === 'suite' && hasOnly(c)));
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const stack = (error.stack ?? String(error)).split('\n').slice(0, 8).join('\n');
    // fast-check (and others) keep the original failure as the cause
    const cause = error.cause === undefined ? '' : `\n    caused by:\n${describeError(error.cause)}`;
    return stack.replace(/^/gm, '      ') + cause;
  }
  return `      ${String(error)}`;
}

async function runHooks(hooks: Hook[], teardowns: Hook[]): Promise<void> {
  for (const hook of hooks) {
    const result = await hook();
    if (typeof result === 'function') teardowns.unshift(result as Hook);
  }
}

function willRun(node: ShimSuite | ShimTest, onlyMode: boolean, insideOnly: boolean): boolean {
  if (node.mode === 'skip' || node.mode === 'todo') return false;
  if (node.kind === 'test') return !onlyMode || insideOnly || node.mode === 'only';
  return node.children.some((c) => willRun(c, onlyMode, insideOnly || node.mode === 'only'));
}

async function runSuite(
  suite: ShimSuite, path: string[], eachChain: { before: Hook[]; after: Hook[] }[], onlyMode: boolean, insideOnly: boolean,
): Promise<void> {
  const chain = [...eachChain, { before: suite.beforeEach, after: suite.afterEach }];
  const allTeardowns: Hook[] = [...suite.afterAll];
  const runnable = willRun(suite, onlyMode, insideOnly);
  let setupError: unknown;
  if (runnable) {
    try {
      await runHooks(suite.beforeAll, allTeardowns);
    } catch (error) {
      setupError = error;
    }
  }
  for (const child of suite.children) {
    const inOnly = insideOnly || suite.mode === 'only';
    if (child.kind === 'suite') {
      if (child.mode === 'skip') countSkipped(child);
      else await runSuite(child, [...path, child.name], chain, onlyMode, inOnly);
      continue;
    }
    const name = [...path, child.name].join(' > ');
    if (!willRun(child, onlyMode, inOnly)) {
      skipped += 1;
      continue;
    }
    const started = performance.now();
    const teardowns: Hook[] = [];
    let error: unknown = setupError;
    expect.setState({ assertionCalls: 0, expectedAssertionsNumber: null, isExpectingAssertions: false, currentTestName: name });
    if (error === undefined) {
      try {
        for (const level of chain) await runHooks(level.before, teardowns);
        await child.fn!();
        const state = expect.getState();
        if (state.expectedAssertionsNumber !== null && state.expectedAssertionsNumber !== state.assertionCalls) {
          throw new Error(`expected ${state.expectedAssertionsNumber} assertions, got ${state.assertionCalls}`);
        }
        if (state.isExpectingAssertions && state.assertionCalls === 0) throw new Error('expected at least one assertion');
      } catch (caught) {
        error = caught;
      }
      try {
        for (const level of [...chain].reverse()) teardowns.push(...level.after);
        for (const hook of teardowns) await hook();
      } catch (caught) {
        error ??= caught;
      }
    }
    const ms = (performance.now() - started).toFixed(0);
    if (error === undefined) {
      passed += 1;
      console.log(`  ✓ ${name} (${ms} ms)`);
    } else {
      failed += 1;
      failures.push(name);
      console.log(`  ✗ ${name} (${ms} ms)\n${describeError(error)}`);
    }
  }
  if (runnable) {
    try {
      for (const hook of allTeardowns) await hook();
    } catch (error) {
      failed += 1;
      failures.push(`${path.join(' > ')} (afterAll)`);
      console.log(`  ✗ ${path.join(' > ')} afterAll\n${describeError(error)}`);
    }
  }
}

function countSkipped(suite: ShimSuite): void {
  for (const child of suite.children) {
    if (child.kind === 'suite') countSkipped(child);
    else skipped += 1;
  }
}

async function runFile(file: string): Promise<void> {
  console.log(relative(process.cwd(), file));
  try {
    await import(pathToFileURL(file).href);
  } catch (error) {
    takeCollectedSuite();
    failed += 1;
    failures.push(`${file} (load)`);
    console.log(`  ✗ failed to load\n${describeError(error)}`);
    return;
  }
  const root = takeCollectedSuite();
  await runSuite(root, [], [], hasOnly(root), false);
}

const SUMMARY = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/m;

if (process.argv[2] === '--file') {
  await runFile(resolve(process.argv[3]!));
} else {
  const listFile = process.argv[2];
  if (!listFile) throw new Error('usage: node run-tests.mjs <list file> | --file <bundled test file>');
  const lines = readFileSync(listFile, 'utf8').split('\n').filter((l) => l.trim() !== '');
  for (const line of lines) {
    if (line.startsWith('BUILD-FAILED ')) {
      failed += 1;
      failures.push(line.slice('BUILD-FAILED '.length));
      console.log(`${line}\n  ✗ the test file does not build, so none of its tests ran`);
      continue;
    }
    const file = resolve(dirname(listFile), line);
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--file', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = child.stdout ?? '';
    const summary = SUMMARY.exec(output);
    process.stdout.write(output.replace(/\n*(Failed:\n(  .*\n)*)?\n?\d+ passed, \d+ failed.*\n?$/, '\n'));
    if (summary) {
      passed += Number(summary[1]);
      failed += Number(summary[2]);
      skipped += Number(summary[3] ?? 0);
      for (const m of output.matchAll(/^  ✗ (.*) \(\d+ ms\)$/gm)) failures.push(m[1]!);
    }
    if (!summary || child.status !== (Number(summary[2]) > 0 ? 1 : 0)) {
      failed += 1;
      failures.push(`${line} (the process ended with ${child.signal ?? `status ${child.status}`})`);
      console.log(`  ✗ ${line}: the test process ended with ${child.signal ?? `status ${child.status}`}`);
    }
  }
}
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
