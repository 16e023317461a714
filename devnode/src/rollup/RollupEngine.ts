import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Hex } from 'viem';
import type { InputRow, InputStatus, NewOutput, NodeStore } from '../store/NodeStore.js';

/** What /finish hands to the back-end (reference §1, field names and types exactly as the Rust server's). */
export type RollupRequest =
  | {
      request_type: 'advance_state';
      data: {
        metadata: {
          chain_id: number;
          app_contract: string;
          msg_sender: string;
          block_number: number;
          block_timestamp: number;
          prev_randao: string;
          input_index: number;
        };
        payload: Hex;
      };
    }
  | { request_type: 'inspect_state'; data: { payload: Hex } };

export interface InspectResult {
  status: 'Accepted' | 'Rejected' | 'Exception';
  reports: { payload: Hex }[];
  processed_input_count: number;
  exception_payload: Hex | null;
}

interface InspectJob {
  payload: Hex;
  /** Times it was handed to a back-end that then died (it is read-only, so it is simply run again once). */
  attempts: number;
  resolve: (r: InspectResult) => void;
}

type Current =
  | { kind: 'advance'; input: InputRow; replay: boolean; outputs: NewOutput[]; reports: Hex[]; baseOutputIndex: number }
  | { kind: 'inspect'; job: InspectJob; reports: Hex[] };

interface Waiter {
  deliver: (r: RollupRequest | null) => void;
  timer: NodeJS.Timeout;
}

export interface RollupEngineOptions {
  /** How long /finish waits for a request before answering 202. */
  finishTimeoutMs?: number;
  /**
   * Keep the reports of rejected and exception inputs. The newest rollups-node stores reports only for accepted inputs; the
   * Rollup HTTP API spec (and the older node) keep them. We keep them by default: they carry the back-end's error code, which
   * is the only way a client learns why its input was rejected.
   */
  keepRejectedReports?: boolean;
  /** How often a back-end may die on the same input before the node gives up on it and marks it EXCEPTION. */
  maxCrashesPerInput?: number;
}

/**
 * Feeds the back-end through the Rollup HTTP API: one request at a time, inspects between advances, inputs strictly in
 * index order. Outputs are staged per input and committed only on accept (one global index counter since genesis).
 * After a back-end restart with a fresh database it replays the accepted inputs first and checks that they produce
 * the same outputs as before (`replayMismatches` counts the ones that did not).
 */
export class RollupEngine extends EventEmitter {
  private current: Current | null = null;
  private waiter: Waiter | null = null;
  private readonly inspects: InspectJob[] = [];
  private replayQueue: InputRow[] = [];
  private readonly crashes = new Map<number, number>();
  private readonly finishTimeoutMs: number;
  private readonly keepRejectedReports: boolean;
  private readonly maxCrashesPerInput: number;
  /** Time the back-end spent on advances (dispatch to /finish), for the benchmark's breakdown. */
  readonly stats = { advances: 0, backendMs: 0 };
  private dispatchedAt = 0;
  replayMismatches = 0;
  replayedInputs = 0;
  /** Inputs the back-end rejected with INTERNAL_ERROR (a broken invariant: a back-end bug, never the user's fault). */
  readonly internalErrorInputs: number[] = [];
  /**
   * Called with the leaves an input added to the outputs tree (none if it was not accepted), right after it is stored;
   * the node appends them to its tree and fills the input's outputs_hash off the back-end's critical path.
   */
  onOutputsCommitted: ((inputIndex: number, newLeaves: Hex[]) => void) | null = null;

  constructor(
    private readonly store: NodeStore,
    opts: RollupEngineOptions = {},
  ) {
    super();
    this.finishTimeoutMs = opts.finishTimeoutMs ?? 10_000;
    this.keepRejectedReports = opts.keepRejectedReports ?? true;
    this.maxCrashesPerInput = opts.maxCrashesPerInput ?? 2;
  }

  get replaying(): boolean {
    return this.replayQueue.length > 0 || (this.current?.kind === 'advance' && this.current.replay);
  }

  /** New inputs were stored or an inspect was queued: hand work to a waiting back-end. */
  wake(): void {
    if (!this.waiter || this.current) return;
    const req = this.next();
    if (!req) return;
    const w = this.waiter;
    this.waiter = null;
    clearTimeout(w.timer);
    w.deliver(req);
  }

  /**
   * POST /finish: closes the current request with `status` (ignored when there is none, e.g. the back-end's first call;
   * for an inspect it becomes the inspect's answer status) and waits for the next request; resolves null on timeout
   * (→ 202). `onGone` lets the HTTP layer cancel the wait when the back-end's connection drops, so no request is lost.
   */
  finish(status: 'accept' | 'reject', onGone: (cancel: () => void) => void): Promise<RollupRequest | null> {
    this.close(status === 'accept' ? 'ACCEPTED' : 'REJECTED', null);
    const req = this.current ? null : this.next();
    if (req) return Promise.resolve(req);
    if (this.waiter) {
      // A previous long-poll (e.g. from a back-end that died) is still open: answer it 202, the newest caller wins.
      const old = this.waiter;
      this.waiter = null;
      clearTimeout(old.timer);
      old.deliver(null);
    }
    return new Promise((resolve) => {
      const w: Waiter = {
        deliver: resolve,
        timer: setTimeout(() => {
          if (this.waiter === w) this.waiter = null;
          resolve(null);
        }, this.finishTimeoutMs),
      };
      this.waiter = w;
      onGone(() => {
        if (this.waiter === w) {
          this.waiter = null;
          clearTimeout(w.timer);
        }
      });
    });
  }

  /** POST /voucher, /notice, /delegate-call-voucher: stages an output of the current advance and returns its global index. */
  addOutput(output: NewOutput): number {
    const c = this.current;
    if (!c || c.kind !== 'advance') throw new RequestError(c ? 'outputs are not allowed during inspect' : 'no advance request in progress');
    c.outputs.push(output);
    return c.baseOutputIndex + c.outputs.length - 1;
  }

  /** POST /report. */
  addReport(payload: Hex): void {
    const c = this.current;
    if (!c) throw new RequestError('no request in progress');
    c.reports.push(payload);
  }

  /** POST /exception: the current request ends with EXCEPTION and is rolled back. */
  exception(payload: Hex): void {
    if (!this.current) throw new RequestError('no request in progress');
    this.close('EXCEPTION', payload);
  }

  /** Queues an inspect; it runs between advances. */
  inspect(payload: Hex, timeoutMs = 30_000): Promise<InspectResult> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.inspects.indexOf(job);
        if (i >= 0) this.inspects.splice(i, 1);
        reject(new Error('inspect timed out: the back-end did not pick it up'));
      }, timeoutMs);
      const job: InspectJob = {
        payload,
        attempts: 0,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      this.inspects.push(job);
      this.wake();
    });
  }

  /**
   * The back-end process died (or is about to be replaced by one with a fresh database): drop the request in flight,
   * give up on an input that keeps killing it, and replay every accepted input into the new back-end.
   */
  backendRestarted(opts: { replay: boolean }): void {
    const c = this.current;
    this.current = null;
    if (c?.kind === 'inspect' && ++c.job.attempts < 2) {
      this.inspects.unshift(c.job);
    } else if (c?.kind === 'inspect') {
      c.job.resolve({ status: 'Exception', reports: [], processed_input_count: this.store.processedInputCount(), exception_payload: hexUtf8('back-end exited during inspect') });
    } else if (c?.kind === 'advance' && !c.replay) {
      const n = (this.crashes.get(c.input.idx) ?? 0) + 1;
      this.crashes.set(c.input.idx, n);
      if (n >= this.maxCrashesPerInput) {
        this.store.finishInput(c.input, 'EXCEPTION', [], [], null);
        this.emit('processed', c.input.idx, 'EXCEPTION');
      }
    }
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      clearTimeout(w.timer);
      w.deliver(null);
    }
    this.replayQueue = opts.replay ? this.store.acceptedInputsBefore(Number.MAX_SAFE_INTEGER) : [];
  }

  /** Answers every open long-poll and pending inspect; used on shutdown. */
  shutdown(): void {
    if (this.waiter) {
      clearTimeout(this.waiter.timer);
      this.waiter.deliver(null);
      this.waiter = null;
    }
    for (const job of this.inspects.splice(0)) {
      job.resolve({ status: 'Exception', reports: [], processed_input_count: 0, exception_payload: hexUtf8('node shutting down') });
    }
  }

  private next(): RollupRequest | null {
    const replay = this.replayQueue.shift();
    if (replay) {
      const stored = this.store.outputsOfInput(replay.idx);
      this.current = { kind: 'advance', input: replay, replay: true, outputs: [], reports: [], baseOutputIndex: stored[0]?.idx ?? 0 };
      return advanceRequest(replay);
    }
    const job = this.inspects.shift();
    if (job) {
      this.current = { kind: 'inspect', job, reports: [] };
      return { request_type: 'inspect_state', data: { payload: job.payload } };
    }
    const input = this.store.nextUnprocessedInput();
    if (input) {
      this.dispatchedAt = performance.now();
      this.current = { kind: 'advance', input, replay: false, outputs: [], reports: [], baseOutputIndex: this.store.outputCount() };
      return advanceRequest(input);
    }
    return null;
  }

  private close(status: Exclude<InputStatus, 'NONE'>, exceptionPayload: Hex | null): void {
    const c = this.current;
    if (!c) return;
    this.current = null;
    if (c.kind === 'inspect') {
      c.job.resolve({
        status: status === 'ACCEPTED' ? 'Accepted' : status === 'REJECTED' ? 'Rejected' : 'Exception',
        reports: c.reports.map((payload) => ({ payload })),
        processed_input_count: this.store.processedInputCount(),
        exception_payload: exceptionPayload,
      });
      return;
    }
    if (c.replay) {
      this.replayedInputs++;
      const stored = this.store.outputsOfInput(c.input.idx).map((o) => o.rawData);
      const same = status === 'ACCEPTED' && stored.length === c.outputs.length && stored.every((r, i) => r === c.outputs[i]!.rawData);
      if (!same) {
        this.replayMismatches++;
        console.error(`[devnode] replay of input ${c.input.idx} diverged: status ${status}, ${c.outputs.length} outputs vs ${stored.length} stored`);
      }
      if (this.replayQueue.length === 0) this.emit('replayed', this.replayedInputs, this.replayMismatches);
      return;
    }
    this.stats.advances++;
    this.stats.backendMs += performance.now() - this.dispatchedAt;
    const accepted = status === 'ACCEPTED';
    const internal = accepted ? undefined : c.reports.map(internalErrorMessage).find((m) => m !== undefined);
    if (internal !== undefined) {
      this.internalErrorInputs.push(c.input.idx);
      console.error(`[devnode] !!! INTERNAL_ERROR at input ${c.input.idx}: a back-end bug, not the user's input: ${internal}`);
      this.emit('internalError', c.input.idx, internal);
    }
    const outputs = accepted ? c.outputs : [];
    const reports = accepted || this.keepRejectedReports ? c.reports : [];
    this.store.finishInput(c.input, status, outputs, reports, null);
    this.onOutputsCommitted?.(c.input.idx, outputs.map((o) => o.leaf));
    this.crashes.delete(c.input.idx);
    this.emit('processed', c.input.idx, status);
  }
}

export class RequestError extends Error {}

/** The message of a back-end report `{"error":{"code":"INTERNAL_ERROR",...}}`, undefined for any other report. */
function internalErrorMessage(payload: Hex): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(payload.slice(2), 'hex').toString('utf8')) as { error?: { code?: unknown; message?: unknown } };
    return parsed.error?.code === 'INTERNAL_ERROR' ? String(parsed.error.message) : undefined;
  } catch {
    return undefined;
  }
}

function advanceRequest(input: InputRow): RollupRequest {
  return {
    request_type: 'advance_state',
    data: {
      metadata: {
        chain_id: input.chainId,
        app_contract: input.appContract,
        msg_sender: input.msgSender,
        block_number: input.blockNumber,
        block_timestamp: input.blockTimestamp,
        prev_randao: input.prevRandao,
        input_index: input.idx,
      },
      payload: input.payload,
    },
  };
}

function hexUtf8(s: string): Hex {
  return `0x${Buffer.from(s, 'utf8').toString('hex')}`;
}
