import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * The local chain kept on disk, crash-safe.
 *
 * anvil's own `--state` dumps only on SIGTERM (a `kill -9` loses the whole chain) and `--state-interval` rewrites the
 * file in place (a kill during the write leaves half a file). So the node saves the chain itself: every interval, when
 * anything may have changed, it asks anvil for `anvil_dumpState` (gzipped JSON) and writes it to a temporary file,
 * fsyncs it and renames it over `chain-state.json.gz`. A rename is atomic, so after a crash at any moment the file is a
 * whole dump, at most about one interval old; gzip's CRC proves it whole when it is read back. At start it is unpacked
 * to `anvil-state.json` for anvil's `--load-state` (a crash during that unpacking just unpacks again next time).
 *
 * anvil also gets `--dump-state anvil-exit-state.json`: when it exits on a signal (Ctrl-C in the terminal reaches it
 * together with the node, so the node's own last save may come too late) it writes the whole chain there. That file
 * is newer than any save of the same run, so the next start prefers it, if it is whole JSON, and consumes it.
 */
export const STATE_FILE = 'chain-state.json.gz';
/** Where anvil dumps the chain itself when it exits on a signal. */
export const EXIT_DUMP_FILE = 'anvil-exit-state.json';
/** What anvil loads; also the file older versions of the node kept (anvil `--state`), still accepted. */
export const LOAD_FILE = 'anvil-state.json';

/**
 * Picks the saved chain to load and returns the path for anvil's `--load-state`, or undefined for a new chain.
 * A file that does not read back whole is set aside (`.corrupt`), never loaded.
 */
export function prepareStateToLoad(dataDir: string, log: (msg: string) => void = () => {}): string | undefined {
  const saved = path.join(dataDir, STATE_FILE);
  const load = path.join(dataDir, LOAD_FILE);
  fs.rmSync(`${saved}.tmp`, { force: true }); // a save cut short by a crash
  const exitDump = path.join(dataDir, EXIT_DUMP_FILE);
  if (fs.existsSync(exitDump)) {
    if (isWholeJson(exitDump)) {
      fs.renameSync(exitDump, load);
      return load;
    }
    log(`anvil's exit dump ${exitDump} was cut short; loading the last save instead`);
    fs.rmSync(exitDump);
  }
  if (fs.existsSync(saved)) {
    try {
      const json = zlib.gunzipSync(fs.readFileSync(saved));
      fs.writeFileSync(load, json);
      return load;
    } catch (err) {
      log(`the saved chain ${saved} does not read back whole (${(err as Error).message}); set aside as .corrupt`);
      fs.renameSync(saved, `${saved}.corrupt`);
    }
  }
  if (fs.existsSync(load)) {
    // Only from an older version (anvil's own --state dump, possibly cut short by a kill): load it if it is whole JSON.
    if (isWholeJson(load)) return load;
    log(`the saved chain ${load} is not whole JSON (a dump cut short); set aside as .corrupt`);
    fs.renameSync(load, `${load}.corrupt`);
  }
  return undefined;
}

/** anvil's flags for a chain kept in `dataDir`: load what prepareStateToLoad picked, dump on a signal. */
export function anvilStateArgs(dataDir: string, load: string | undefined): string[] {
  return [...(load ? ['--load-state', load] : []), '--dump-state', path.join(dataDir, EXIT_DUMP_FILE)];
}

function isWholeJson(file: string): boolean {
  try {
    JSON.parse(fs.readFileSync(file, 'utf8'));
    return true;
  } catch {
    return false;
  }
}

/** Writes `data` to `file` so that a crash at any moment leaves either the previous file or the new one, whole. */
export function writeFileAtomic(file: string, data: Uint8Array): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}

export interface ChainStateSaverOptions {
  rpcUrl: string;
  dataDir: string;
  /** Between saves (default 1000 ms). */
  intervalMs?: number;
  /**
   * Save anyway after this long without a new block (default 10 s): cheat calls like anvil_setBalance change the chain
   * without a block. The /anvil proxy also marks them (`markDirty`), so those are saved at the next interval.
   */
  quietSaveMs?: number;
  log?: (msg: string) => void;
}

/** Saves the chain every interval while its head moved (or something else may have changed it). */
export class ChainStateSaver {
  private timer: NodeJS.Timeout | null = null;
  private saving: Promise<void> | null = null;
  private lastHead = '';
  private lastSaveAt = 0;
  private dirty = true;
  private stopped = false;
  /** Saves written (for tests and logs). */
  saves = 0;
  lastError: unknown = null;

  constructor(private readonly o: ChainStateSaverOptions) {}

  get file(): string {
    return path.join(this.o.dataDir, STATE_FILE);
  }

  start(): void {
    const loop = (): void => {
      if (this.stopped) return;
      this.saving = this.tick()
        .catch((err: unknown) => {
          if (!this.lastError) this.o.log?.(`could not save the chain: ${err instanceof Error ? err.message : String(err)}`);
          this.lastError = err;
        })
        .finally(() => {
          this.saving = null;
          if (!this.stopped) this.timer = setTimeout(loop, this.o.intervalMs ?? 1000);
        });
    };
    loop();
  }

  /** Something changed the chain without (necessarily) a new block. */
  markDirty(): void {
    this.dirty = true;
  }

  /** Saves now, whatever changed. */
  async save(): Promise<void> {
    const head = await this.head();
    const dump = await this.rpc<string>('anvil_dumpState', []);
    writeFileAtomic(this.file, Buffer.from(dump.slice(2), 'hex'));
    this.lastHead = head;
    this.lastSaveAt = Date.now();
    this.dirty = false;
    this.saves++;
    this.lastError = null;
  }

  /** Stops saving; with `final`, saves once more (a clean stop keeps everything). */
  async stop(final: boolean): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.saving;
    if (final) await this.save();
  }

  private async tick(): Promise<void> {
    const head = await this.head();
    if (head === this.lastHead && !this.dirty && Date.now() - this.lastSaveAt < (this.o.quietSaveMs ?? 10_000)) return;
    await this.save();
  }

  private async head(): Promise<string> {
    const block = await this.rpc<{ hash: string; number: string }>('eth_getBlockByNumber', ['latest', false]);
    return `${block.number}:${block.hash}`;
  }

  private async rpc<T>(method: string, params: unknown[]): Promise<T> {
    const res = await fetch(this.o.rpcUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
    const body = (await res.json()) as { result?: T; error?: { message: string } };
    if (body.error || body.result === undefined) throw new Error(`${method}: ${body.error?.message ?? 'no result'}`);
    return body.result;
  }
}
