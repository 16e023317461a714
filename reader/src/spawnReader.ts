import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SpawnedReader {
  url: string;
  stop(): Promise<void>;
}

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli.ts');

/**
 * Runs a reader in its own process (its replay never competes with the node's event loop) and resolves with its URL
 * once it listens. Used by `npm start` (devnode) to start one beside the node. A history that diverged (a fresh
 * chain under an old data dir) is replayed from genesis.
 */
export function spawnReader(opts: {
  nodeUrl: string;
  application: string;
  dbPath: string;
  port?: number;
  erc20Portal?: string;
  etherPortal?: string;
  log?: (line: string) => void;
}): Promise<SpawnedReader> {
  // --parent-pipe: the reader exits when this process's end of its stdin closes, so a parent killed with SIGKILL
  // (a crash test, a closed terminal) leaves no reader behind.
  const args = ['--import', 'tsx', CLI, '--node', opts.nodeUrl, '--app', opts.application, '--db', opts.dbPath, '--port', String(opts.port ?? 0), '--reset-on-divergence', '--parent-pipe'];
  if (opts.erc20Portal) args.push('--erc20-portal', opts.erc20Portal);
  if (opts.etherPortal) args.push('--ether-portal', opts.etherPortal);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: path.dirname(CLI), stdio: ['pipe', 'pipe', 'pipe'], env: process.env });
  const log = opts.log ?? (() => {});
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  return new Promise((resolve, reject) => {
    let announced = false;
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        log(line);
        const m = /^reader listening on (http:\/\/\S+)/.exec(line);
        if (m && !announced) {
          announced = true;
          resolve({ url: m[1]!, stop });
        }
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    child.once('exit', (code, signal) => {
      if (!announced) reject(new Error(`the reader exited (${signal ?? code}) before it listened`));
      else log(`reader exited (${signal ?? code})`);
    });
    setTimeout(() => {
      if (!announced) {
        void stop();
        reject(new Error('the reader did not listen within 120 s'));
      }
    }, 120_000).unref();
  });
}
