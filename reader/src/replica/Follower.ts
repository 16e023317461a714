import { type Hex, keccak256 } from 'viem';
import { type NodeClient, type NodeOutput, RpcError, hexField } from '../node/nodeRpc.js';
import { decodeEvmAdvance } from './evmAdvance.js';
import type { NodeVerdict, Replica } from './Replica.js';
import { DivergedHistoryError, VerificationError } from './VerificationError.js';

export interface FollowerOptions {
  /** Wait between polls of the node once caught up. */
  pollMs?: number;
  /** Inputs per page of cartesi_listInputs. */
  pageSize?: number;
  /** Inputs per transaction (the replay yields to reads between transactions). */
  chunkSize?: number;
  /** Backoff after a failed round: starts here, doubles, capped at maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** One committed step of the replica, announced on the push channel. */
export interface ProcessedEvent {
  /** The newest processed input. */
  index: number;
  /** Its block timestamp (unix seconds). */
  timestamp: number;
  /** The first input of this commit (equal to `index` when one input arrived). */
  from: number;
}

export interface FollowerHealth {
  status: 'starting' | 'catching-up' | 'following' | 'retrying' | 'diverged' | 'stopped';
  /** The last replayed input, -1 before any. */
  processedInputIndex: number;
  /** What the node said it has processed, at the last successful poll. */
  nodeProcessedInputs: number | null;
  /** Inputs the node has processed that this reader has not yet. */
  lag: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastSyncAt: string | null;
}

/** An answer of the node that contradicts itself or an earlier one: retried, never applied. */
class InconsistentPage extends Error {
  override readonly name = 'InconsistentPage';
}

/**
 * Follows the node's JSON-RPC: polls the processed input count, lists the next inputs and their outputs (paginated,
 * by global index), and hands them to the replica in index order. Transport failures and inconsistent pages are
 * retried with exponential backoff (the lag is reported meanwhile); a verification failure stops it for good.
 */
export class Follower {
  private readonly listeners = new Set<(e: ProcessedEvent) => void>();
  private readonly opts: Required<FollowerOptions>;
  private stopped = false;
  private wake: (() => void) | undefined;
  private health: FollowerHealth;
  private failure: Error | undefined;
  readonly done: Promise<void>;

  constructor(
    private readonly node: NodeClient,
    private readonly replica: Replica,
    options: FollowerOptions = {},
  ) {
    this.opts = { pollMs: 200, pageSize: 500, chunkSize: 100, minBackoffMs: 200, maxBackoffMs: 10_000, ...options };
    this.health = {
      status: 'starting',
      processedInputIndex: Number(replica.cursor().nextInput) - 1,
      nodeProcessedInputs: null,
      lag: null,
      lastError: null,
      lastErrorAt: null,
      lastSyncAt: null,
    };
    this.done = this.run();
    this.done.catch(() => {}); // observed through health and `error`; callers may also await done
  }

  onProcessed(listener: (e: ProcessedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): FollowerHealth {
    return { ...this.health };
  }

  /** Why it stopped following for good (a verification failure or a diverged history), if it did. */
  error(): Error | undefined {
    return this.failure;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done.catch(() => {});
    if (this.health.status !== 'diverged') this.health.status = 'stopped';
  }

  private async run(): Promise<void> {
    let backoff = this.opts.minBackoffMs;
    let checkedHistory = false;
    while (!this.stopped) {
      try {
        if (!checkedHistory) {
          await this.checkHistory();
          checkedHistory = true;
        }
        const progressed = await this.round();
        backoff = this.opts.minBackoffMs;
        if (!progressed) await this.sleep(this.opts.pollMs);
      } catch (error) {
        if (error instanceof VerificationError || error instanceof DivergedHistoryError) {
          this.failure = error;
          this.health = { ...this.health, status: 'diverged', lastError: error.message, lastErrorAt: new Date().toISOString() };
          throw error;
        }
        if (this.stopped) break;
        const message = error instanceof Error ? error.message : String(error);
        this.health = { ...this.health, status: 'retrying', lastError: message, lastErrorAt: new Date().toISOString() };
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.opts.maxBackoffMs);
      }
    }
  }

  /** A database with replayed inputs must continue the node's history: its last input must be the node's. */
  private async checkHistory(): Promise<void> {
    const cursor = this.replica.cursor();
    if (cursor.nextInput === 0n) return;
    const last = cursor.nextInput - 1n;
    let raw: Hex;
    try {
      raw = (await this.node.getInput(last)).raw_data;
    } catch (error) {
      if (error instanceof RpcError && error.code === -32001) {
        throw new DivergedHistoryError(`The database has replayed ${cursor.nextInput} inputs but the node has no input ${last}: it follows another chain or application. Start the reader with --fresh.`);
      }
      throw error;
    }
    if (keccak256(raw) !== cursor.lastInputHash) {
      throw new DivergedHistoryError(`Input ${last} in the database is not the node's input ${last}: the database follows another history. Start the reader with --fresh.`);
    }
  }

  /** One step: returns whether inputs were applied. */
  private async round(): Promise<boolean> {
    const cursor = this.replica.cursor();
    const processed = await this.node.processedInputCount();
    const lag = processed > cursor.nextInput ? processed - cursor.nextInput : 0n;
    this.health = { ...this.health, nodeProcessedInputs: Number(processed), lag: Number(lag), lastSyncAt: new Date().toISOString() };
    if (processed < cursor.nextInput) {
      throw new InconsistentPage(`the node reports ${processed} processed inputs, fewer than the ${cursor.nextInput} already replayed`);
    }
    if (lag === 0n) {
      this.health.status = 'following';
      return false;
    }
    const wanted = Number(lag < BigInt(this.opts.pageSize) ? lag : BigInt(this.opts.pageSize));
    const page = await this.node.listInputs(cursor.nextInput, wanted);
    const inputs = [];
    for (const [k, input] of page.data.entries()) {
      const index = hexField(input.index, 'input index');
      if (index !== cursor.nextInput + BigInt(k)) {
        throw new InconsistentPage(`cartesi_listInputs at offset ${cursor.nextInput} returned input ${index} in position ${k}`);
      }
      if (input.status === 'NONE') break; // not processed yet: the count moved under us
      inputs.push(input);
    }
    if (inputs.length === 0) throw new InconsistentPage(`the node reports ${processed} processed inputs but lists none from ${cursor.nextInput}`);
    const first = cursor.nextInput;
    const last = first + BigInt(inputs.length - 1);
    const outputs = await this.outputsFor(cursor.nextOutput, first, last);
    const verdicts: NodeVerdict[] = inputs.map((input) => {
      const decoded = decodeEvmAdvance(input.raw_data);
      const index = hexField(input.index, 'input index');
      if (decoded.index !== index) throw new InconsistentPage(`input ${index}'s raw_data carries the index ${decoded.index}`);
      return { input: decoded, raw: input.raw_data, status: input.status, outputs: outputs.get(index) ?? [] };
    });
    // Transactions of at most `chunkSize` inputs, yielding between them: reads share this thread, and a long catch-up
    // must not hold them for the whole page.
    for (let at = 0; at < verdicts.length; at += this.opts.chunkSize) {
      if (at > 0) await new Promise((resolve) => setImmediate(resolve));
      const chunk = verdicts.slice(at, at + this.opts.chunkSize);
      const result = this.replica.applyBatch(chunk);
      if (result.applied > 0) {
        const newest = chunk[result.applied - 1]!.input;
        this.health.processedInputIndex = Number(newest.index);
        this.health.lag = Number(processed - this.replica.cursor().nextInput);
        this.health.status = this.health.lag > 0 ? 'catching-up' : 'following';
        const event: ProcessedEvent = { index: Number(newest.index), timestamp: Number(newest.timestamp), from: Number(chunk[0]!.input.index) };
        for (const listener of this.listeners) listener(event);
      }
      if (result.failure) throw result.failure;
      if (this.stopped) break;
    }
    return true;
  }

  /** The outputs of inputs first..last, grouped by input, read from global output index `from` on. */
  private async outputsFor(from: bigint, first: bigint, last: bigint): Promise<Map<bigint, Hex[]>> {
    const byInput = new Map<bigint, Hex[]>();
    let offset = from;
    let previousInput = first;
    for (;;) {
      const page = await this.node.listOutputs(offset, 1000);
      let beyond = false;
      for (const [k, output] of page.data.entries()) {
        const index = hexField(output.index, 'output index');
        if (index !== offset + BigInt(k)) throw new InconsistentPage(`cartesi_listOutputs at offset ${offset} returned output ${index} in position ${k}`);
        const input = hexField((output as NodeOutput).input_index, 'output input_index');
        if (input < previousInput) {
          throw new InconsistentPage(`output ${index} belongs to input ${input}, before input ${previousInput} (already verified or out of order)`);
        }
        previousInput = input;
        if (input > last) {
          beyond = true;
          break;
        }
        const list = byInput.get(input) ?? [];
        list.push(output.raw_data);
        byInput.set(input, list);
      }
      offset += BigInt(page.data.length);
      if (beyond || page.data.length === 0 || offset >= BigInt(page.pagination.total_count)) return byInput;
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
