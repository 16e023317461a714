import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where stdout/stderr go (appended); undefined = inherit the node's own stdout/stderr with a name prefix. */
  logFile?: string;
  /** Runs before every (re)start, e.g. to reset the back-end database. */
  beforeStart?: () => void;
  /** Restart when the process exits on its own (backoff 200 ms, doubling up to 5 s while it keeps dying fast). */
  restart?: boolean;
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  onOutput?: (line: string) => void;
}

/** A child process (in its own process group, so tools that fork, like npm → vite, stop as a whole) restarted if it dies. */
export class ManagedProcess {
  private child: ChildProcess | null = null;
  private stopping = false;
  private backoff = 200;
  private restartTimer: NodeJS.Timeout | null = null;
  starts = 0;

  constructor(private readonly o: ManagedProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    this.o.beforeStart?.();
    this.starts++;
    const startedAt = Date.now();
    const out = this.o.logFile ? fs.openSync(this.o.logFile, 'a') : null;
    const child = spawn(this.o.command, this.o.args, {
      cwd: this.o.cwd,
      env: this.o.env,
      detached: true,
      stdio: ['ignore', out ?? 'pipe', out ?? 'pipe'],
    });
    if (out !== null) fs.closeSync(out);
    this.child = child;
    // Children live in their own process group (so npm → vite stops as a whole): make sure they do not outlive us.
    const onParentExit = (): void => {
      if (child.pid && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    };
    process.once('exit', onParentExit);
    child.once('exit', () => process.off('exit', onParentExit));
    const prefix = `[${this.o.name}] `;
    const forward = (stream: NodeJS.ReadableStream | null, to: NodeJS.WriteStream): void => {
      if (!stream) return;
      let buf = '';
      stream.on('data', (d: Buffer) => {
        buf += d.toString('utf8');
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          this.o.onOutput?.(line);
          to.write(prefix + line + '\n');
        }
      });
    };
    if (out === null) {
      forward(child.stdout, process.stdout);
      forward(child.stderr, process.stderr);
    }
    child.on('error', (err) => {
      process.stderr.write(`${prefix}could not start: ${err.message}\n`);
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      if (this.stopping) return;
      this.o.onExit?.(code, signal);
      if (!this.o.restart) return;
      this.backoff = Date.now() - startedAt > 10_000 ? 200 : Math.min(this.backoff * 2, 5_000);
      this.restartTimer = setTimeout(() => {
        this.restartTimer = null;
        if (!this.stopping) this.start();
      }, this.backoff);
    });
  }

  /** Kills the process (used by tests to simulate a crash); it is restarted if `restart` is set. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    const c = this.child;
    if (c?.pid) {
      try {
        process.kill(-c.pid, signal);
      } catch {
        c.kill(signal);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    this.kill('SIGTERM');
    const t = setTimeout(() => this.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(t);
  }
}
