import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAnvil, type AnvilInstance } from '@streamswap/contracts';
import { startChainPortBridge } from '../entry/chainPortBridge.js';
import type { TrustedOrigins } from '../entry/originPolicy.js';
import { IsolationUnavailable, startIsolatedAnvil } from './isolatedAnvil.js';

/** The dev stack's chain: its public URL (the chain port) and how anvil runs behind it. */
export interface LocalChain extends AnvilInstance {
  /**
   * True: anvil runs in a network namespace of its own and answers only on its IPC socket; the chain port is the
   * devnode's bridge (entry/chainPortBridge.ts), which refuses foreign origins what /anvil refuses them and their
   * WebSockets altogether. False: isolation was not possible here and anvil serves the chain port itself.
   */
  isolated: boolean;
  /** anvil's pid (isolated only). */
  pid?: number;
  /** anvil's own TCP port inside its namespace (isolated only): nothing on the host can reach it. */
  innerPort?: number;
  ipcPath?: string;
}

/** Said once when anvil has to serve the chain port itself. */
export const WEBSOCKET_EXPOSURE_WARNING =
  "WARNING: anvil could not be isolated (unshare --net not permitted here), so it serves the chain port itself: any web page you visit can open a WebSocket to it (ws://) and call its cheat and signing methods (anvil_setBalance, eth_sendTransaction with the dev accounts, ...)";

/**
 * Starts anvil for the dev stack. By default isolated (see chain/isolatedAnvil.ts) behind the chain port bridge; where
 * unshare is missing or not permitted (e.g. Ubuntu 24.04 restricts unprivileged user namespaces), a plain anvil on the
 * chain port with `--no-cors`, after one warning line naming the WebSocket exposure.
 */
export async function startLocalChain(opts: {
  port: number;
  chainId: number;
  /** anvil flags (state loading and dumping). */
  args: string[];
  dataDir: string;
  trusted: TrustedOrigins;
  onChainWrite?: () => void;
  /** Default true; false runs anvil on the chain port as before (no bridge). */
  isolate?: boolean;
  log: (msg: string) => void;
  warn: (msg: string) => void;
}): Promise<LocalChain> {
  // --no-cors: without CORS headers a page from another site cannot read anything anvil answers (and a JSON POST fails
  // its preflight). Harmless when isolated, where only the bridge talks to anvil.
  const args = ['--no-cors', ...opts.args];
  if (opts.isolate !== false && process.platform === 'linux') {
    const { ipcPath, release } = ipcSocketPath(opts.dataDir);
    try {
      const anvil = await startIsolatedAnvil({ ipcPath, chainId: opts.chainId, args });
      let bridge;
      try {
        bridge = await startChainPortBridge({ ipcPath, port: opts.port, trusted: opts.trusted, onChainWrite: opts.onChainWrite });
      } catch (err) {
        await anvil.stop();
        throw err;
      }
      opts.log(`anvil (pid ${anvil.pid}) runs in its own network namespace, reachable only at ${ipcPath}; the chain port ${bridge.url} is the devnode's`);
      let stopping: Promise<void> | undefined;
      return {
        rpcUrl: bridge.url,
        port: bridge.port,
        chainId: opts.chainId,
        isolated: true,
        pid: anvil.pid,
        innerPort: anvil.innerPort,
        ipcPath,
        stop: () =>
          (stopping ??= (async () => {
            await bridge.close();
            await anvil.stop();
            release();
          })()),
      };
    } catch (err) {
      release();
      if (!(err instanceof IsolationUnavailable)) throw err;
      opts.log(`isolating anvil failed: ${err.message}`);
    }
  }
  opts.warn(WEBSOCKET_EXPOSURE_WARNING);
  const anvil = await startAnvil({ port: opts.port, chainId: opts.chainId, args });
  return { ...anvil, isolated: false };
}

/**
 * Where anvil's IPC socket goes: in the data dir, unless that path is too long for a unix socket (108 bytes on Linux),
 * then in a private temporary directory. The socket is only ours to connect to: anvil creates it 0755, and connecting
 * needs write permission.
 */
function ipcSocketPath(dataDir: string): { ipcPath: string; release: () => void } {
  const inDataDir = path.resolve(dataDir, 'anvil.ipc');
  if (Buffer.byteLength(inDataDir) <= 100) return { ipcPath: inDataDir, release: () => fs.rmSync(inDataDir, { force: true }) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamswap-anvil-'));
  return { ipcPath: path.join(dir, 'anvil.ipc'), release: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
