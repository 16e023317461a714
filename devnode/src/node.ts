import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { createPublicClient, createWalletClient, http as httpTransport, type LocalAccount, type Hex } from 'viem';
import { anvil } from 'viem/chains';
import type { AddressBook } from '@streamswap/protocol';
import { InputReader } from './chain/inputReader.js';
import { Claimer } from './claims/Claimer.js';
import { OutputsMerkleTree } from './merkle/index.js';
import { createEntryServer } from './entry/entryServer.js';
import { TrustedOrigins } from './entry/originPolicy.js';
import { closeServer, listen } from './http/util.js';
import { RollupEngine } from './rollup/RollupEngine.js';
import { createRollupHttpServer } from './rollup/rollupHttpServer.js';
import { NodeStore } from './store/NodeStore.js';
import { reconcileWithChain, type Reconciliation } from './store/reconcileWithChain.js';

export interface NodeOptions {
  /** Holds node.sqlite (and, in a dev stack, the back-end's database). */
  dataDir: string;
  /** The chain's JSON-RPC (anvil). */
  rpcUrl: string;
  addressBook: AddressBook;
  /** Owner of the Authority: signs the claims. */
  claimer: LocalAccount;
  host?: string;
  /** Rollup HTTP API port (default 5004; 0 = free port). */
  rollupPort?: number;
  /** Entry point port (default 6751; 0 = free port). */
  httpPort?: number;
  /** InputBox poll interval without a block subscription (default 25 ms). */
  pollIntervalMs?: number;
  /** Subscribe to new blocks over the chain's WebSocket (default true; anvil serves ws on its HTTP port). */
  subscribe?: boolean;
  /** Long-poll of /finish before 202 (default 10 000 ms). */
  finishTimeoutMs?: number;
  /** Mine the rest of a processed epoch after this much chain idleness (default 1000 ms; 0 = never). */
  idleMineMs?: number;
  keepRejectedReports?: boolean;
  /**
   * Origins (the web app's, e.g. http://127.0.0.1:5173) whose pages may use anvil's cheat and signing methods through
   * /anvil; more can be added later with `node.trustedOrigins.add`. Clients without an Origin header always may. An
   * instance is used as is (the dev stack shares one with the chain port, so an origin added later counts on both).
   */
  trustedOrigins?: string[] | TrustedOrigins;
  /** Called when /anvil forwards a method that may change the chain without a block (the chain saver then saves). */
  onChainWrite?: () => void;
  /** Send claims with anvil_impersonateAccount + eth_sendTransaction (default true; false = sign locally). */
  impersonateClaimer?: boolean;
  log?: (msg: string) => void;
}

export interface RunningNode {
  store: NodeStore;
  engine: RollupEngine;
  reader: InputReader;
  claimer: Claimer;
  urls: { http: string; rollup: string; rpc: string; inspect: string; anvil: string };
  /** How the store was brought in line with the chain at start (undefined: a new store, or one of another chain). */
  reconciliation: Reconciliation | undefined;
  /** The origins /anvil serves every method to (see entry/originPolicy.ts); add the web app's once its URL is known. */
  trustedOrigins: TrustedOrigins;
  rollupPort: number;
  httpPort: number;
  stop(): Promise<void>;
}

/**
 * The node proper (no anvil, no deployment, no back-end process): InputBox reader, Rollup HTTP API, entry point,
 * JSON-RPC and claimer, over a SQLite store in `dataDir`. If the store belongs to another chain (different application
 * or deployment block hash, e.g. a fresh anvil after a restart) it is reset.
 */
export async function startNode(o: NodeOptions): Promise<RunningNode> {
  const host = o.host ?? '127.0.0.1';
  const book = o.addressBook;
  fs.mkdirSync(o.dataDir, { recursive: true });
  const transport = httpTransport(o.rpcUrl, { retryCount: 2 });
  const chain = { ...anvil, id: book.chainId };
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 });
  const wallet = createWalletClient({ chain, transport, account: o.claimer, pollingInterval: 50 });

  const deployBlock = await publicClient.getBlock({ blockNumber: BigInt(book.deploymentBlock) });
  const fingerprint = `${book.chainId}:${book.application.toLowerCase()}:${deployBlock.hash}`;
  const dbPath = path.join(o.dataDir, 'node.sqlite');
  let store = new NodeStore(dbPath);
  const stored = store.getMeta('chain.fingerprint');
  // A store of this chain is brought in line with it (the chain may have come back from a save older than the store:
  // those lost blocks are a reorg); a store of another chain (e.g. a fresh anvil) is started afresh.
  const reconciled = stored === fingerprint ? await reconcileWithChain(store, publicClient, book) : undefined;
  if (reconciled?.kind === 'rolledBack') {
    o.log?.(
      `the chain came back at block ${reconciled.keptThrough}, behind the node store: treated as a reorg, ` +
        `${reconciled.droppedInputs} input(s) from the lost blocks dropped, ${reconciled.claimsReset} claim(s) to send again`,
    );
  } else if (reconciled?.kind === 'consistent' && reconciled.claimsReset > 0) {
    o.log?.(`${reconciled.claimsReset} claim(s) the chain lost will be sent again`);
  }
  if (stored !== undefined && (stored !== fingerprint || reconciled?.kind === 'foreign')) {
    const why = reconciled?.kind === 'foreign' ? reconciled.reason : 'it belongs to another chain';
    o.log?.(`node store in ${o.dataDir} does not match the chain (${why}); starting afresh`);
    store.db.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
    store = new NodeStore(dbPath);
  }
  store.setMeta('chain.fingerprint', fingerprint);
  store.setMeta('addressBook', JSON.stringify(book));
  const createdAt = store.getMeta('createdAt') ?? new Date().toISOString();
  store.setMeta('createdAt', createdAt);

  const engine = new RollupEngine(store, { finishTimeoutMs: o.finishTimeoutMs, keepRejectedReports: o.keepRejectedReports });
  // One live tree over every accepted output: gives each input its outputs_hash (the root after it) and the claimer
  // reads it as of each epoch's end.
  const tree = OutputsMerkleTree.fromLeaves(store.db.prepare<[], { leaf: Hex }>('SELECT leaf FROM outputs ORDER BY idx').all().map((r) => r.leaf));
  // outputs_hash (the root after each input) costs 63 hashes: computed just after the /finish answer, while the back-end
  // works on its next request, instead of before it.
  const pendingHashes: { idx: number; n: number }[] = [];
  let hashTimer: NodeJS.Immediate | null = null;
  const setOutputsHash = store.db.prepare('UPDATE inputs SET outputs_hash = ? WHERE idx = ?');
  const flushHashes = (): void => {
    hashTimer = null;
    const batch = pendingHashes.splice(0);
    let lastN = -1;
    let root: Hex = '0x';
    store.db.transaction(() => {
      for (const { idx, n } of batch) {
        if (n !== lastN) (root = tree.root(n)), (lastN = n);
        setOutputsHash.run(root, idx);
      }
    })();
  };
  engine.onOutputsCommitted = (idx, leaves) => {
    for (const l of leaves) tree.append(l);
    pendingHashes.push({ idx, n: tree.leafCount });
    hashTimer ??= setImmediate(flushHashes);
  };

  let claimer: Claimer;
  const reader = new InputReader({
    client: publicClient,
    store,
    inputBox: book.inputBox,
    application: book.application,
    fromBlock: book.deploymentBlock,
    epochLength: book.epochLength,
    intervalMs: o.pollIntervalMs ?? 25,
    wsUrl: o.subscribe === false ? undefined : o.rpcUrl.replace(/^http/, 'ws'),
    onInputs: () => engine.wake(),
    onBlock: () => claimer?.kick(),
  });
  claimer = new Claimer({
    store,
    publicClient,
    wallet,
    authority: book.authority,
    application: book.application,
    tree,
    scannedThrough: () => reader.scannedThrough,
    latestBlock: () => reader.latestBlock,
    lastBlockChangeAt: () => reader.lastBlockChangeAt,
    idleMineMs: o.idleMineMs,
    impersonate: o.impersonateClaimer ?? true,
    log: o.log,
  });
  engine.on('processed', () => claimer.kick());

  const rollupServer = createRollupHttpServer(engine);
  const rollupPort = await listen(rollupServer, host, o.rollupPort ?? 5004);
  const trustedOrigins = o.trustedOrigins instanceof TrustedOrigins ? o.trustedOrigins : new TrustedOrigins(o.trustedOrigins);
  let entryServer: http.Server;
  let httpPort: number;
  try {
    entryServer = createEntryServer({
      store,
      engine,
      anvilUrl: o.rpcUrl,
      trustedOrigins,
      onChainWrite: o.onChainWrite,
      addressBook: () => book,
      appState: () => ({ addressBook: book, processedInputs: store.processedInputCount(), lastScannedBlock: reader.scannedThrough, createdAt }),
    });
    httpPort = await listen(entryServer, host, o.httpPort ?? 6751);
  } catch (err) {
    await closeServer(rollupServer);
    throw err;
  }
  reader.start();
  claimer.start();

  const http_ = `http://${host}:${httpPort}`;
  let stopping: Promise<void> | undefined;
  return {
    store,
    engine,
    reader,
    claimer,
    reconciliation: reconciled?.kind === 'foreign' ? undefined : reconciled,
    trustedOrigins,
    rollupPort,
    httpPort,
    urls: { http: http_, rollup: `http://${host}:${rollupPort}`, rpc: `${http_}/rpc`, inspect: `${http_}/inspect/${book.applicationName}`, anvil: `${http_}/anvil` },
    stop: () =>
      (stopping ??= (async () => {
        await reader.stop();
        await claimer.stop();
        if (hashTimer) clearImmediate(hashTimer);
        flushHashes();
        engine.shutdown();
        await Promise.all([closeServer(rollupServer), closeServer(entryServer)]);
        store.db.close();
      })()),
  };
}
