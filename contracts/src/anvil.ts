import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface StartAnvilOptions {
  /** 0 (default) = let anvil bind a free port and report it. */
  port?: number;
  /** Seconds between blocks; undefined = automine (one block per transaction). */
  blockTime?: number;
  /** Default 31337, the chain id @cartesi/viem's `cartesi` chain expects. */
  chainId?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** anvil `--state <path>`: load the chain from this file at start and dump it there on exit. */
  statePath?: string;
  /** Extra command-line flags appended verbatim. */
  args?: string[];
  /** Give up if anvil has not answered after this many ms (default 30 000). */
  timeoutMs?: number;
}

export interface AnvilInstance {
  rpcUrl: string;
  port: number;
  chainId: number;
  /** Stops anvil (SIGTERM, then SIGKILL after 5 s) and resolves once the process has exited. */
  stop(): Promise<void>;
}

/** Path of the anvil binary installed by @foundry-rs/anvil (its platform package holds the real executable). */
export function anvilBinaryPath(): string {
  const require = createRequire(import.meta.url);
  const platformPackage = `@foundry-rs/anvil-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
  try {
    return join(dirname(require.resolve(`${platformPackage}/package.json`)), 'bin', 'anvil');
  } catch {
    // Fall back to the launcher script, which finds the binary itself (one extra node process).
    return join(dirname(require.resolve('@foundry-rs/anvil/package.json')), 'bin.mjs');
  }
}

/**
 * Spawns anvil and resolves once it answers JSON-RPC. With port 0 anvil binds a free port itself and we read it from
 * its "Listening on host:port" line, so parallel tests never race for a port.
 */
export async function startAnvil(opts: StartAnvilOptions = {}): Promise<AnvilInstance> {
  const host = opts.host ?? '127.0.0.1';
  const chainId = opts.chainId ?? 31337;
  const args = ['--host', host, '--port', String(opts.port ?? 0), '--chain-id', String(chainId)];
  if (opts.blockTime !== undefined) args.push('--block-time', String(opts.blockTime));
  if (opts.statePath !== undefined) args.push('--state', opts.statePath);
  args.push(...(opts.args ?? []));

  const child = spawn(anvilBinaryPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );
  try {
    const port = await waitForListening(child, opts.timeoutMs ?? 30_000);
    const rpcUrl = `http://${host}:${port}`;
    await waitForRpc(rpcUrl, opts.timeoutMs ?? 30_000);
    // Keep draining the logs (anvil prints every call) so a full pipe never blocks it.
    child.stdout?.resume();
    child.stderr?.resume();
    let stopping: Promise<void> | undefined;
    return {
      rpcUrl,
      port,
      chainId,
      stop: () => (stopping ??= kill(child, exited)),
    };
  } catch (error) {
    await kill(child, exited);
    throw error;
  }
}

/** anvil processes still running; terminated if this process exits without stopping them (e.g. a crashed test run). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  // SIGTERM, not SIGKILL: anvil still dumps its --state file on SIGTERM.
  for (const child of live) child.kill('SIGTERM');
});

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`anvil printed no "Listening on" line within ${timeoutMs} ms:\n${seen.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /Listening on [^\s:]+:(\d+)/.exec(seen);
      if (match) {
        cleanup();
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null) => fail(new Error(`anvil exited with code ${code} before listening:\n${seen.slice(-2000)}`));
    const onError = (error: Error) => fail(new Error(`anvil could not be started: ${error.message}`));
    function fail(error: Error) {
      cleanup();
      reject(error);
    }
    function cleanup() {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

async function waitForRpc(rpcUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`anvil at ${rpcUrl} did not answer eth_chainId within ${timeoutMs} ms.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
