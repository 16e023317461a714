/**
 * `npm run reader -- --node <url> --app <address or name> [--db <file>] [--port 6752] [--host 127.0.0.1] [--fresh]
 *   [--erc20-portal <address>] [--ether-portal <address>] [--poll-ms 200] [--reset-on-divergence] [--parent-pipe]`
 * Follows the node's JSON-RPC, replays and verifies every input, serves reads. Stops with exit code 2 and a message
 * naming the input when the replay disagrees with the node.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CARTESI_V2_2_ADDRESSES } from '@streamswap/protocol';
import { type Address, getAddress, isAddress } from 'viem';
import { DivergedHistoryError } from './replica/VerificationError.js';
import { httpRpc } from './node/nodeRpc.js';
import { removeDatabase, resolveApplication, rpcUrlOf, startReader } from './startReader.js';

const { values } = parseArgs({
  options: {
    node: { type: 'string' },
    app: { type: 'string' },
    db: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    fresh: { type: 'boolean' },
    'erc20-portal': { type: 'string' },
    'ether-portal': { type: 'string' },
    'poll-ms': { type: 'string' },
    'reset-on-divergence': { type: 'boolean' },
    'parent-pipe': { type: 'boolean' },
  },
});

function fail(message: string): never {
  console.error(`reader: ${message}`);
  process.exit(1);
}
const addressFlag = (name: string, value: string | undefined, fallback?: Address): Address => {
  if (value === undefined) return fallback ?? fail(`--${name} <address> is required`);
  if (!isAddress(value, { strict: false })) fail(`--${name} "${value}" is not an address`);
  return getAddress(value);
};

if (!values.node) fail('--node <url> is required (the node entry point or its /rpc, e.g. http://127.0.0.1:6751)');
if (!values.app) fail('--app <address or name> is required');
const application = await resolveApplication(httpRpc(rpcUrlOf(values.node)), values.app, (m) => console.error(`reader: ${m}`));
// npm runs workspace scripts in reader/: relative paths are the caller's.
const cwd = process.env.INIT_CWD ?? process.cwd();
const dbPath = path.resolve(cwd, values.db ?? `.data/reader/${application.toLowerCase()}.sqlite`);
const port = values.port === undefined ? 6752 : Number.parseInt(values.port, 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port "${values.port}" is not a port`);

const options = {
  nodeUrl: values.node,
  application,
  dbPath,
  fresh: values.fresh ?? false,
  host: values.host ?? '127.0.0.1',
  port,
  pollMs: values['poll-ms'] ? Number.parseInt(values['poll-ms'], 10) : undefined,
  appConfig: {
    erc20Portal: addressFlag('erc20-portal', values['erc20-portal'], CARTESI_V2_2_ADDRESSES.erc20Portal),
    etherPortal: addressFlag('ether-portal', values['ether-portal'], CARTESI_V2_2_ADDRESSES.etherPortal),
  },
};

let reader = await startReader(options).catch((error: unknown) => fail((error as Error).message));
console.log(`reader listening on ${reader.url} (node ${rpcUrlOf(values.node)}, application ${application}, database ${dbPath})`);

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  void reader.stop().then(() => process.exit(0));
};
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, shutdown);
if (values['parent-pipe']) {
  // Started by spawnReader: its parent holds our stdin; when that closes (the parent died), stop.
  process.stdin.on('end', shutdown);
  process.stdin.on('close', shutdown);
  process.stdin.resume();
}

// Follow until stopped; a verification failure ends the process with its message.
for (;;) {
  await reader.follower.done.catch(() => {});
  if (stopping) break;
  const error = reader.follower.error();
  if (error instanceof DivergedHistoryError && values['reset-on-divergence']) {
    console.error(`reader: ${error.message} Replaying from genesis (--reset-on-divergence).`);
    await reader.stop();
    removeDatabase(dbPath);
    reader = await startReader(options);
    console.log(`reader listening on ${reader.url} (replaying from genesis)`);
    continue;
  }
  console.error(`reader: stopped. ${error?.message ?? ''}`);
  await reader.stop();
  process.exit(2);
}
