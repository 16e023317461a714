import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const E2E_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = path.resolve(E2E_ROOT, '..');
const READY_TIMEOUT_MS = 180_000;

/**
 * Starts the local stack (src/stack/runStack.ts) in a child process and waits for its ready line; the stack's URLs go to
 * the workers through E2E_STACK. Returns the teardown (Playwright runs it after the last test, also after failures).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(E2E_ROOT, 'src/stack/runStack.ts')], {
    cwd: REPO_ROOT,
    env: process.env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const info = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`The local stack was not ready within ${READY_TIMEOUT_MS / 1000} s.`)), READY_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => l.startsWith('E2E_STACK '));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice('E2E_STACK '.length));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The local stack exited with ${code} before it was ready.`));
    });
  }).catch(async (err) => {
    await stopChild(child);
    throw err;
  });
  process.env.E2E_STACK = info;
  console.log(`[e2e] local stack and web app ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.parse(info).web}`);
  return async () => {
    const stopping = Date.now();
    await stopChild(child);
    console.log(`[e2e] local stack stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
