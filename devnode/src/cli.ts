/**
 * `npm start` (root: `node --import tsx devnode/src/cli.ts`, so every flag after `--` reaches this parser):
 * anvil + Cartesi v2.2.0 contracts + node + back-end (+ web), until Ctrl-C / SIGTERM. Flags: see USAGE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, startDevStack } from './devStack.js';
import { DATA_DIR_ENV } from './process/staleProcesses.js';

const USAGE = `usage: npm start -- [flags]

  --data-dir <dir>         chain, node store and back-end database (default .data/devnode, from the repo root)
  --fresh                  forget the saved chain and node state in the data dir and start over
  --anvil-port <port>      the chain's JSON-RPC port, HTTP and WebSocket (default 8545)
  --rollup-port <port>     Rollup HTTP API for the back-end (default 5004)
  --http-port <port>       entry point: /anvil /rpc /inspect /addresses (default 6751)
  --web-port <port>        web dev server (default 5173)
  --reader-port <port>     the reader beside the node (default 6752)
                           (a port of 0 = any free port; the URLs printed at start say which)
  --epoch-length <blocks>  blocks per epoch (default 4)
  --state-interval <s>     save the chain every <s> seconds while it changes (default 1; a crash loses at most that)
  --claimer <who>          who owns the Authority and signs claims: dedicated (default) or account0
  --trust-origin <origin>  another web origin allowed to use anvil's cheat and signing methods through /anvil
                           and the chain port (repeatable; the web app's own origin always is)
  --no-web                 do not start the web dev server
  --no-backend             do not start the back-end (run your own against the Rollup HTTP API)
  --no-reader              do not start the reader
  -h, --help               this text

Defaults of --data-dir and the ports can also come from the environment: DEVNODE_DATA_DIR, DEVNODE_ANVIL_PORT,
DEVNODE_ROLLUP_PORT, DEVNODE_HTTP_PORT, DEVNODE_WEB_PORT, DEVNODE_READER_PORT.`;

function fail(message: string): never {
  console.error(`npm start: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    strict: true,
    allowPositionals: false,
    options: {
      'data-dir': { type: 'string' },
      'anvil-port': { type: 'string' },
      'rollup-port': { type: 'string' },
      'http-port': { type: 'string' },
      'web-port': { type: 'string' },
      'reader-port': { type: 'string' },
      'no-reader': { type: 'boolean' },
      'epoch-length': { type: 'string' },
      'state-interval': { type: 'string' },
      'trust-origin': { type: 'string', multiple: true },
      'no-web': { type: 'boolean' },
      'no-backend': { type: 'boolean' },
      claimer: { type: 'string' },
      fresh: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  fail((err as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

/** A whole number in [min, max] from a flag or its environment default; anything else is a usage error. */
function int(flag: string, value: string | undefined, env: string | undefined, min: number, max: number): number | undefined {
  const v = value ?? (env !== undefined ? process.env[env] : undefined);
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) fail(`--${flag} must be a whole number from ${min} to ${max}, not "${v}"`);
  return Number(v);
}
const port = (flag: string, env: string) => int(flag, values[flag as 'anvil-port'], env, 0, 65_535);
const anvilPort = port('anvil-port', 'DEVNODE_ANVIL_PORT');
const rollupPort = port('rollup-port', 'DEVNODE_ROLLUP_PORT');
const httpPort = port('http-port', 'DEVNODE_HTTP_PORT');
const webPort = port('web-port', 'DEVNODE_WEB_PORT');
const readerPort = port('reader-port', 'DEVNODE_READER_PORT');
const epochLength = int('epoch-length', values['epoch-length'], undefined, 1, 1_000_000);
const stateInterval = values['state-interval'];
if (stateInterval !== undefined && !(/^\d+(\.\d+)?$/.test(stateInterval) && Number(stateInterval) > 0 && Number(stateInterval) <= 3600)) {
  fail(`--state-interval must be a number of seconds above 0 (at most 3600), not "${stateInterval}"`);
}
if (values.claimer !== undefined && values.claimer !== 'account0' && values.claimer !== 'dedicated') {
  fail(`--claimer must be "dedicated" or "account0", not "${values.claimer}"`);
}
const trustOrigins = (values['trust-origin'] ?? []).map((o) => {
  try {
    return new URL(o).origin;
  } catch {
    return fail(`--trust-origin must be an origin such as http://127.0.0.1:3000, not "${o}"`);
  }
});

const dataDir = path.resolve(REPO_ROOT, values['data-dir'] ?? process.env.DEVNODE_DATA_DIR ?? '.data/devnode');
if (values.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
// Every process this stack starts inherits it: if this process dies alone, the next start on the data dir finds them.
process.env[DATA_DIR_ENV] = dataDir;
const stack = await startDevStack({
  dataDir,
  anvilPort,
  rollupPort,
  httpPort,
  webPort,
  epochLength,
  stateIntervalMs: stateInterval === undefined ? undefined : Math.round(Number(stateInterval) * 1000),
  trustedOrigins: trustOrigins,
  backend: values['no-backend'] ? 'none' : 'spawn',
  backendOutput: 'inherit',
  web: !values['no-web'],
  reader: !values['no-reader'],
  readerPort,
  claimer: values.claimer === 'account0' ? 'account0' : 'dedicated',
  log: (m) => console.log(`[devnode] ${m}`),
});

const u = stack.urls;
console.log(`
streamswap local stack is up (data in ${stack.dataDir})
  entry point      ${u.http}
  chain (anvil)    ${u.anvil}   (direct: ${u.chain}, chain id ${stack.addressBook.chainId})
  node JSON-RPC    ${u.rpc}
  inspect          ${u.inspect}
  address book     ${u.http}/addresses
  rollup HTTP API  ${u.rollup}   (ROLLUP_HTTP_SERVER_URL)${u.reader ? `\n  reader           ${u.reader}   (GET /inspect/<route>, /graphql, /events)` : ''}${u.web ? `\n  web app          ${u.web}` : ''}
addresses:
${JSON.stringify(stack.addressBook, null, 2)}
Ctrl-C stops everything.`);

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping...');
    void stack.stop().then(() => process.exit(0));
  });
}
