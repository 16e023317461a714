import fs from 'node:fs';
import path from 'node:path';
import { type AppConfig, defaultAppConfig } from '@streamswap/dapp';
import { type Address, getAddress, isAddress } from 'viem';
import { startReaderServer } from './http/readerServer.js';
import { NodeClient, type RpcCall, httpRpc } from './node/nodeRpc.js';
import { Follower, type FollowerOptions } from './replica/Follower.js';
import { Replica } from './replica/Replica.js';

export interface ReaderOptions extends FollowerOptions {
  /** The node's JSON-RPC, e.g. http://127.0.0.1:6751/rpc (a bare entry point URL gets /rpc appended). */
  nodeUrl?: string;
  /** Or any RpcCall (tests wrap the real one to tamper with it). */
  rpc?: RpcCall;
  /** The application's address, or its name on the node (resolved with cartesi_getApplication, waiting until it exists). */
  application: string;
  /** The replica's SQLite file (default: in memory, replayed from genesis at each start). */
  dbPath?: string;
  /** Forget the database and replay from genesis. */
  fresh?: boolean;
  /** Portal addresses, as the back-end gets them (default: the canonical v2.2.0 ones). */
  appConfig?: AppConfig;
  host?: string;
  /** 0 = a free port. */
  port?: number;
}

export interface Reader {
  url: string;
  replica: Replica;
  follower: Follower;
  /** Resolves when the reader has replayed every input the node had processed at the time of the call. */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The node's JSON-RPC URL from what a user passes: the rpc URL itself, or the entry point (`cartesi run`'s :6751). */
export function rpcUrlOf(nodeUrl: string): string {
  const trimmed = nodeUrl.replace(/\/+$/, '');
  return /\/rpc$/.test(trimmed) ? trimmed : `${trimmed}/rpc`;
}

export function removeDatabase(dbPath: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(dbPath + suffix, { force: true });
}

/** Opens (or creates) the replica, starts following the node and serving reads. */
export async function startReader(opts: ReaderOptions): Promise<Reader> {
  const rpc = opts.rpc ?? (opts.nodeUrl ? httpRpc(rpcUrlOf(opts.nodeUrl)) : undefined);
  if (!rpc) throw new Error('startReader needs nodeUrl or rpc.');
  const application = await resolveApplication(rpc, opts.application);
  const dbPath = opts.dbPath ?? ':memory:';
  if (dbPath !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
    if (opts.fresh) removeDatabase(dbPath);
  }
  const replica = new Replica(dbPath, application, opts.appConfig ?? defaultAppConfig);
  const stored = replica.cursor().application;
  if (stored.toLowerCase() !== application.toLowerCase()) {
    replica.close();
    throw new Error(`The database ${dbPath} replays the application ${stored}, not ${application}. Use another --db or --fresh.`);
  }
  const follower = new Follower(new NodeClient(rpc, application), replica, opts);
  const server = await startReaderServer(replica.app, follower, { host: opts.host, port: opts.port });
  const node = new NodeClient(rpc, application);
  return {
    url: server.url,
    replica,
    follower,
    async caughtUp(timeoutMs = 60_000) {
      const target = await node.processedInputCount();
      const deadline = Date.now() + timeoutMs;
      while (replica.cursor().nextInput < target) {
        const failure = follower.error();
        if (failure) throw failure;
        if (Date.now() > deadline) throw new Error(`the reader did not reach input ${target - 1n} within ${timeoutMs} ms (at ${replica.cursor().nextInput - 1n}; ${follower.status().lastError ?? 'no error'})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      await follower.stop();
      await server.close();
      replica.close();
    },
  };
}

/**
 * An address as is; a name through the node (`cartesi_getApplication`), retried with backoff until the node knows it
 * (with docker compose the application is deployed after the node starts).
 */
export async function resolveApplication(rpc: RpcCall, nameOrAddress: string, log: (m: string) => void = () => {}): Promise<Address> {
  if (isAddress(nameOrAddress, { strict: false })) return getAddress(nameOrAddress);
  if (!/^[a-z0-9_-]{3,}$/.test(nameOrAddress)) throw new Error(`"${nameOrAddress}" is neither an address nor an application name.`);
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      const result = (await rpc('cartesi_getApplication', { application: nameOrAddress })) as { data?: { iapplication_address?: string } };
      const address = result?.data?.iapplication_address;
      if (address && isAddress(address, { strict: false })) return getAddress(address);
      throw new Error('cartesi_getApplication returned no iapplication_address');
    } catch (error) {
      log(`waiting for the application "${nameOrAddress}" on the node: ${(error as Error).message}`);
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}
