/**
 * `npm start`: anvil + Cartesi v2.2.0 contracts + node + back-end (+ web), until Ctrl-C.
 * Flags: --data-dir <dir> (default .data/devnode) --anvil-port --rollup-port --http-port --web-port (0 = free)
 *        --epoch-length <blocks> --no-web --no-backend --claimer account0
 *        --fresh (forget the saved chain and node state in the data dir; by default a restart resumes them)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, startDevStack } from './devStack.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'anvil-port': { type: 'string' },
    'rollup-port': { type: 'string' },
    'http-port': { type: 'string' },
    'web-port': { type: 'string' },
    'epoch-length': { type: 'string' },
    'no-web': { type: 'boolean' },
    'no-backend': { type: 'boolean' },
    claimer: { type: 'string' },
    fresh: { type: 'boolean' },
  },
});
const int = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number.parseInt(v, 10));

const dataDir = path.resolve(REPO_ROOT, values['data-dir'] ?? '.data/devnode');
if (values.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
const stack = await startDevStack({
  dataDir,
  anvilPort: int(values['anvil-port']),
  rollupPort: int(values['rollup-port']),
  httpPort: int(values['http-port']),
  webPort: int(values['web-port']),
  epochLength: int(values['epoch-length']),
  backend: values['no-backend'] ? 'none' : 'spawn',
  backendOutput: 'inherit',
  web: !values['no-web'],
  reader: true,
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
