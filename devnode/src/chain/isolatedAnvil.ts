import { spawn, type ChildProcess } from 'node:child_process';
import { anvilBinaryPath } from '@streamswap/contracts';
import { waitForIpc } from './anvilIpc.js';

/**
 * anvil in a network namespace of its own (`unshare --net`), reachable only through its IPC socket.
 *
 * anvil always listens on TCP, and it accepts WebSocket connections from any origin (browsers apply no CORS to
 * WebSockets and anvil does not check Origin), so any page the developer visits could open ws://127.0.0.1:8545 and call
 * its cheat and signing methods. In a fresh network namespace its TCP listener is on a loopback no other process shares:
 * nothing on the host can connect to it. The IPC socket is a file, which works across network namespaces; the devnode
 * serves the chain port itself (entry/chainPortBridge.ts) and decides there who may do what.
 *
 * As root `unshare --net` suffices; otherwise a user namespace maps us to root inside (`--user --map-root-user`).
 * unshare execs anvil, so the child's pid is anvil's and signals (SIGTERM: anvil dumps its state) reach it directly.
 */
export interface IsolatedAnvil {
  pid: number;
  ipcPath: string;
  /** The TCP port anvil listens on inside its namespace (unreachable from the host: tests check that). */
  innerPort: number;
  /** SIGTERM (anvil dumps its --dump-state), SIGKILL after 5 s; resolves once it has exited. */
  stop(): Promise<void>;
}

/** unshare itself failed (no such command, namespaces not permitted): the caller falls back to a plain anvil. */
export class IsolationUnavailable extends Error {}

export async function startIsolatedAnvil(opts: { ipcPath: string; chainId: number; args: string[]; timeoutMs?: number }): Promise<IsolatedAnvil> {
  const anvilArgs = ['--host', '127.0.0.1', '--port', '0', '--chain-id', String(opts.chainId), '--ipc', opts.ipcPath, ...opts.args];
  const attempts = process.getuid?.() === 0 ? [['--net'], ['--user', '--map-root-user', '--net']] : [['--user', '--map-root-user', '--net']];
  const reasons: string[] = [];
  for (const unshareFlags of attempts) {
    try {
      return await spawnIn(unshareFlags, anvilArgs, opts.ipcPath, opts.timeoutMs ?? 30_000);
    } catch (err) {
      if (!(err instanceof IsolationUnavailable)) throw err;
      reasons.push(`unshare ${unshareFlags.join(' ')}: ${err.message}`);
    }
  }
  throw new IsolationUnavailable(reasons.join('; '));
}

async function spawnIn(unshareFlags: string[], anvilArgs: string[], ipcPath: string, timeoutMs: number): Promise<IsolatedAnvil> {
  const child = spawn('unshare', [...unshareFlags, anvilBinaryPath(), ...anvilArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let output = '';
  let failure: Error | undefined;
  const onOutput = (chunk: Buffer) => {
    if (output.length < 64 * 1024) output += chunk.toString('utf8');
  };
  child.stdout!.on('data', onOutput);
  child.stderr!.on('data', onOutput);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      // unshare reports its own failures as "unshare: ..." (e.g. "unshare failed: Operation not permitted" where user
      // namespaces are restricted); anything else is anvil's own failure (a bad state file), which isolation cannot help.
      failure ??= /^unshare: /m.test(output)
        ? new IsolationUnavailable(lastLine(output))
        : new Error(`anvil exited (${signal ?? code}) before answering on its IPC socket:\n${output.slice(-2000)}`);
      resolve();
    }),
  );
  child.once('error', (err) => {
    failure = new IsolationUnavailable(`unshare could not be started (${err.message})`);
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await waitForIpc(ipcPath, timeoutMs, () => failure);
  } catch (err) {
    await stop();
    throw failure ?? err;
  }
  const listening = /Listening on [^\s:]+:(\d+)/.exec(output);
  // Keep draining the logs (anvil prints every call) so a full pipe never blocks it; stop collecting them.
  child.stdout!.off('data', onOutput).resume();
  child.stderr!.off('data', onOutput).resume();
  return { pid: child.pid!, ipcPath, innerPort: listening ? Number(listening[1]) : 0, stop };
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? text;
}

/** anvil processes still running; terminated if this process exits without stopping them (as @streamswap/contracts does). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGTERM'); // not SIGKILL: anvil still dumps its state on SIGTERM
});
