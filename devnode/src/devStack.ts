import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keccak256, stringToHex, type LocalAccount } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { AddressBook } from '@streamswap/protocol';
import { anvilAccount, deployStack } from '@streamswap/contracts';
import { startNode, type RunningNode } from './node.js';
import { anvilStateArgs, ChainStateSaver, EXIT_DUMP_FILE, prepareStateToLoad } from './chain/chainStateFile.js';
import { DATA_DIR_ENV, findStaleProcesses, lockDataDir, stopStaleProcesses } from './process/staleProcesses.js';
import { ManagedProcess } from './process/ManagedProcess.js';
import { startLocalChain, type LocalChain } from './chain/localChain.js';
import { TrustedOrigins } from './entry/originPolicy.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface DevStackOptions {
  /** Node store and back-end database. Default: a fresh temporary directory, removed on stop. */
  dataDir?: string;
  /** Ports: 0 = a free port. Defaults 8545, 5004, 6751, 5173. */
  anvilPort?: number;
  rollupPort?: number;
  httpPort?: number;
  webPort?: number;
  /** Blocks per epoch (default 4: with automining and idle mining a voucher is executable about a second after its input). */
  epochLength?: number;
  applicationName?: string;
  /** 'spawn' (default) runs the back-end (`tsx dapp/src/main.ts`) and restarts it if it dies; 'none' leaves it to the caller. */
  backend?: 'spawn' | 'none';
  /** Command of the spawned back-end (default: node --import tsx dapp/src/main.ts, from the repo root). */
  backendCommand?: string[];
  /** Back-end stdout/stderr: 'inherit' prints with a prefix, 'file' (default) appends to <dataDir>/backend.log. */
  backendOutput?: 'inherit' | 'file';
  /** Start the web app's Vite dev server pointed at the node. */
  web?: boolean;
  /** Start a reader (@streamswap/reader, its own process) beside the node; the web app reads from it. Port 0 = free. */
  reader?: boolean;
  readerPort?: number;
  /**
   * Who owns the Authority and signs claims. 'dedicated' (default): a node-only key funded on the local chain, so claims
   * never race the dev accounts' nonces (tests and wallets send from account 0 concurrently). 'account0': anvil account 0.
   */
  claimer?: 'dedicated' | 'account0';
  pollIntervalMs?: number;
  finishTimeoutMs?: number;
  idleMineMs?: number;
  keepRejectedReports?: boolean;
  log?: (msg: string) => void;
  /**
   * Keep the chain in <dataDir>/chain-state.json.gz (saved every `stateIntervalMs` while it changes, atomically, and on
   * stop; see chain/chainStateFile.ts), so a restarted stack resumes the same chain, node store and back-end state,
   * even after a crash (kill -9): then the chain is at most about one interval old and the node treats what it lost as
   * a reorg. Default: true when `dataDir` is given.
   */
  persistChain?: boolean;
  /** How often the chain is saved while it changes (default 1000 ms). */
  stateIntervalMs?: number;
  /**
   * Origins whose pages may use anvil's cheat and signing methods through /anvil, besides the web app's own
   * (http://127.0.0.1:<webPort> and its localhost twin, trusted even with `web: false`, for a dev server run by hand).
   */
  trustedOrigins?: string[];
  /**
   * Run anvil in a network namespace of its own, reachable only through its IPC socket, and serve the chain port with
   * the devnode's bridge, which refuses WebSockets from foreign origins (default true; see chain/localChain.ts). Where
   * that is not possible anvil serves the port itself, after a warning.
   */
  isolateChain?: boolean;
  /** Attach to a chain that is already running and deployed (not stopped by `stop`) instead of starting anvil. */
  chain?: { rpcUrl: string; addressBook: AddressBook };
}

export interface DevStack {
  addressBook: AddressBook;
  urls: { http: string; anvil: string; rpc: string; inspect: string; rollup: string; web?: string; reader?: string; chain: string };
  dataDir: string;
  node: RunningNode;
  anvil?: LocalChain;
  backend?: ManagedProcess;
  /** Saves the chain to the data dir (when it is persisted). */
  chainSaver?: ChainStateSaver;
  stop(): Promise<void>;
}

/** The node's claimer key on a local chain: fixed, so a restarted node on the same chain can still claim. */
export const DEDICATED_CLAIMER_KEY = keccak256(stringToHex('streamswap devnode claimer'));

/**
 * Brings up the whole local stack: anvil (chain 31337), the Cartesi v2.2.0 deployment, the node (reader, Rollup HTTP
 * API, entry point, claimer), the back-end process and optionally the web dev server.
 */
export async function startDevStack(opts: DevStackOptions = {}): Promise<DevStack> {
  const tempDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'streamswap-devnode-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const log = opts.log ?? (() => {});
  // One set for /anvil and the chain port, so an origin trusted later (the e2e static server) counts on both.
  const trusted = new TrustedOrigins([...(opts.webPort === 0 ? [] : [`http://127.0.0.1:${opts.webPort ?? 5173}`]), ...(opts.trustedOrigins ?? [])]);
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
    if (tempDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    let anvil: LocalChain | undefined;
    let rpcUrl: string;
    let addressBook: AddressBook;
    let claimer: LocalAccount;
    let saver: ChainStateSaver | undefined;
    if (opts.chain) {
      ({ rpcUrl, addressBook } = opts.chain);
      const dedicated = privateKeyToAccount(DEDICATED_CLAIMER_KEY);
      claimer = addressBook.authorityOwner.toLowerCase() === dedicated.address.toLowerCase() ? dedicated : anvilAccount(0);
    } else {
      const persist = opts.persistChain ?? !tempDir;
      if (persist) {
        const release = lockDataDir(dataDir);
        cleanups.push(async () => release());
        // A node that died alone left its children: anvil (stopped with SIGTERM, it dumps the chain it still holds,
        // the newest state to load), the back-end, the web dev server.
        const stale = findStaleProcesses(dataDir, path.join(dataDir, EXIT_DUMP_FILE));
        if (stale.length > 0) {
          log(`stopping what a previous stack on ${dataDir} left running: ${stale.map((p) => `${p.what} (pid ${p.pid})`).join(', ')}`);
          await stopStaleProcesses(stale);
        }
      }
      const load = persist ? prepareStateToLoad(dataDir, log) : undefined;
      // Browsers reach the chain through /anvil, which refuses cheat and signing methods to foreign origins; the chain
      // port itself is the devnode's bridge to an anvil nothing else can reach, with the same rule (chain/localChain.ts).
      const a = await startLocalChain({
        port: opts.anvilPort ?? 8545,
        chainId: 31337,
        args: persist ? anvilStateArgs(dataDir, load) : [],
        dataDir,
        trusted,
        onChainWrite: () => saver?.markDirty(),
        isolate: opts.isolateChain,
        log,
        warn: opts.log ?? ((m) => console.warn(m)),
      });
      anvil = a;
      cleanups.push(() => a.stop());
      rpcUrl = a.rpcUrl;
      ({ addressBook, claimer } = await deployLocal(rpcUrl, opts));
      if (persist) {
        const s = new ChainStateSaver({ rpcUrl, dataDir, intervalMs: opts.stateIntervalMs, log });
        await s.save(); // the deployment, before the node reads the chain
        s.start();
        saver = s;
        // Stopped after the node and before anvil (cleanups run in reverse): the final save has everything.
        cleanups.push(() => s.stop(true));
      }
    }
    const node = await startNode({
      dataDir,
      rpcUrl,
      addressBook,
      claimer,
      rollupPort: opts.rollupPort ?? 5004,
      httpPort: opts.httpPort ?? 6751,
      pollIntervalMs: opts.pollIntervalMs,
      finishTimeoutMs: opts.finishTimeoutMs,
      idleMineMs: opts.idleMineMs,
      keepRejectedReports: opts.keepRejectedReports,
      onChainWrite: () => saver?.markDirty(),
      trustedOrigins: trusted,
      log,
    });
    cleanups.push(() => node.stop());

    let backend: ManagedProcess | undefined;
    if ((opts.backend ?? 'spawn') === 'spawn') {
      const dbPath = path.join(dataDir, 'dapp.sqlite');
      const [command, ...args] = opts.backendCommand ?? [process.execPath, '--import', 'tsx', 'dapp/src/main.ts'];
      backend = new ManagedProcess({
        name: 'backend',
        command: command!,
        args,
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          [DATA_DIR_ENV]: dataDir, // so a later start can find it if this node dies alone
          ROLLUP_HTTP_SERVER_URL: node.urls.rollup,
          STREAMSWAP_DB: dbPath,
          ERC20_PORTAL: addressBook.erc20Portal,
          ETHER_PORTAL: addressBook.etherPortal,
        },
        logFile: opts.backendOutput === 'inherit' ? undefined : path.join(dataDir, 'backend.log'),
        restart: true,
        // Every (re)start gets a fresh database and the node replays the accepted inputs into it: a back-end that died
        // between committing an input and reporting /finish can never apply it twice.
        beforeStart: () => {
          for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(dbPath + suffix, { force: true });
          node.engine.backendRestarted({ replay: true });
        },
        onExit: (code, signal) => log(`back-end exited (${signal ?? code}); restarting with a replay`),
      });
      backend.start();
      cleanups.push(() => backend!.stop());
    }

    let readerUrl: string | undefined;
    if (opts.reader) {
      const { spawnReader } = await import('@streamswap/reader');
      // Optional: without it (e.g. its port is taken) the web reads from inspect, so the stack still comes up.
      const reader = await spawnReader({ nodeUrl: node.urls.http, application: addressBook.application, dbPath: path.join(dataDir, 'reader.sqlite'), port: opts.readerPort ?? 6752, erc20Portal: addressBook.erc20Portal, etherPortal: addressBook.etherPortal, log: (line) => log(`[reader] ${line}`) }).catch((err: Error) => {
        log(`the reader did not start (${err.message}); the web app reads from inspect`);
        return undefined;
      });
      if (reader) {
        cleanups.push(() => reader.stop());
        readerUrl = reader.url;
      }
    }

    let webUrl: string | undefined;
    if (opts.web) {
      const webPort = opts.webPort ?? 5173;
      let onUrl: (url: string) => void = () => {};
      const announced = new Promise<string>((resolve) => (onUrl = resolve));
      const web = new ManagedProcess({
        name: 'web',
        command: 'npm',
        args: ['run', 'dev', '-w', 'web', '--', '--host', '127.0.0.1', '--port', String(webPort), '--strictPort'],
        cwd: REPO_ROOT,
        env: { ...process.env, [DATA_DIR_ENV]: dataDir, VITE_NODE_URL: node.urls.http, VITE_APPLICATION: addressBook.applicationName, ...(readerUrl ? { VITE_READER_URL: readerUrl } : {}) },
        restart: false,
        // Vite prints "Local: http://127.0.0.1:<port>/" (the only way to learn the port when asked for 0)
        onOutput: (line) => {
          const m = /Local:\s+(http:\/\/\S+?)\/?\s*$/.exec(line.replace(/\x1b\[[0-9;]*m/g, ''));
          if (m) onUrl(m[1]!);
        },
      });
      web.start();
      cleanups.push(() => web.stop());
      webUrl =
        webPort === 0
          ? await Promise.race([announced, new Promise<string>((_, reject) => setTimeout(() => reject(new Error('the web dev server did not start within 60 s')), 60_000))])
          : `http://127.0.0.1:${webPort}`;
      node.trustedOrigins.add(webUrl);
    }

    let stopping: Promise<void> | undefined;
    return {
      addressBook,
      dataDir,
      node,
      anvil,
      backend,
      chainSaver: saver,
      urls: { ...node.urls, chain: rpcUrl, ...(webUrl ? { web: webUrl } : {}), ...(readerUrl ? { reader: readerUrl } : {}) },
      stop: () => (stopping ??= stopAll()),
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Deploys the stack on a local chain with the chosen claimer as Authority (and application) owner. */
export async function deployLocal(
  rpcUrl: string,
  opts: Pick<DevStackOptions, 'claimer' | 'epochLength' | 'applicationName'> = {},
): Promise<{ addressBook: AddressBook; claimer: LocalAccount }> {
  const claimer: LocalAccount = opts.claimer === 'account0' ? anvilAccount(0) : privateKeyToAccount(DEDICATED_CLAIMER_KEY);
  if (opts.claimer !== 'account0') await rpc(rpcUrl, 'anvil_setBalance', [claimer.address, '0x3635c9adc5dea00000']); // 1000 ETH
  const addressBook = await deployStack({
    rpcUrl,
    epochLength: opts.epochLength ?? 4,
    applicationName: opts.applicationName ?? 'streamswap',
    account: claimer,
  });
  return { addressBook, claimer };
}

async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}
