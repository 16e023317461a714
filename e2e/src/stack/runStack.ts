/**
 * The whole local stack for the browser tests, in its own process (so the Playwright runner never loads the node's
 * sources and a crashed runner cannot keep ports): anvil, the v2.2.0 contracts, the dev node and back-end on free
 * ports, then the web app built for that node and served statically on a free port.
 * Prints one line `E2E_STACK {json}` when ready; SIGTERM/SIGINT stop everything.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, startDevStack } from '@streamswap/devnode';
import { serveStatic } from './serveStatic.js';
import type { StackInfo } from './stackInfo.js';

const started = Date.now();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'streamswap-e2e-'));
const log = (msg: string) => process.stderr.write(`[e2e stack +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}\n`);

const stack = await startDevStack({
  dataDir: path.join(tmp, 'node'),
  anvilPort: 0,
  rollupPort: 0,
  httpPort: 0,
  backendOutput: 'file',
  // The web reads from a reader beside the node (as with npm start), so the browser tests exercise that path.
  reader: true,
  readerPort: 0,
  log: process.env.E2E_VERBOSE ? log : undefined,
});
log(`node up at ${stack.urls.http}`);

let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await stack.stop().catch(() => {});
  await web?.close().catch(() => {});
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
};
let web: Awaited<ReturnType<typeof serveStatic>> | undefined;
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void stop(0));
// The runner died without tearing down: our stdin (a pipe from it) closes.
process.stdin.on('end', () => void stop(0));
process.stdin.resume();

try {
  const outDir = path.join(tmp, 'web');
  await buildWeb(outDir, stack.urls.http, stack.addressBook.applicationName, stack.urls.reader);
  log('web built');
  web = await serveStatic(outDir);
  // The in-page wallet sends eth_sendTransaction (signed by anvil) through /anvil from this origin.
  stack.node.trustedOrigins.add(web.url);
  const info: StackInfo = {
    web: web.url,
    http: stack.urls.http,
    anvil: stack.urls.anvil,
    chain: stack.urls.chain,
    rpc: stack.urls.rpc,
    inspect: stack.urls.inspect,
    dataDir: stack.dataDir,
    addressBook: stack.addressBook,
  };
  process.stdout.write(`E2E_STACK ${JSON.stringify(info)}\n`);
} catch (err) {
  log(`failed: ${(err as Error).stack ?? String(err)}`);
  await stop(1);
}

/** `vite build` of web/ into outDir, with the node URL baked in (the web reads VITE_NODE_URL at build time). */
function buildWeb(outDir: string, nodeUrl: string, application: string, readerUrl?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: path.join(REPO_ROOT, 'web'),
      env: { ...process.env, VITE_NODE_URL: nodeUrl, VITE_APPLICATION: application, ...(readerUrl ? { VITE_READER_URL: readerUrl } : {}) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build of web/ exited with ${code}`))));
  });
}
