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

const USAGE = `Usage: npm run reader -- --node <url> --app <address or name> [options]

Follows a Cartesi rollups-node v2 (or the devnode) through its JSON-RPC, replays and verifies every input into its
own SQLite, and serves the app's reads (GET /inspect/<route>, /graphql, /events, /health).

  --node <url>              the node's entry point or its /rpc (e.g. http://127.0.0.1:6751)      required
  --app <address or name>   the application's address, or its name on the node                 required
  --db <file>               the reader's database (default .data/reader/<application>.sqlite)
  --port <n>                HTTP port (default 6752; 0 = a free port)
  --host <host>             HTTP host (default 127.0.0.1)
  --fresh                   delete the database first and replay from genesis
  --erc20-portal <address>  the ERC20Portal (default: the canonical v2.2.0 address)
  --ether-portal <address>  the EtherPortal (default: the canonical v2.2.0 address)
  --poll-ms <ms>            how often to ask the node for new inputs (default 200)
  --reset-on-divergence     when the node's history no longer matches the database, replay from genesis
  --parent-pipe             stop when standard input closes (used when a parent process starts the reader)
  --help                    this text

Exit codes: 1 bad arguments or start failure; 2 the replay disagreed with the node (the message names the input).`;

const { values } = (() => {
  try {
    return parseArgs({
  options: {
    help: { type: 'boolean', short: 'h' },
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
  } catch (error) {
    console.error(`reader: ${(error as Error).message}\n(npm run reader -- --help lists the options)`);
    process.exit(1);
  }
})();

function fail(message: string): never {
  console.error(`reader: ${message}\n(npm run reader -- --help lists the options)`);
  process.exit(1);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
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
