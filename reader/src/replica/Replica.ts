import { type AppConfig, type SqlDatabase, StreamSwapApp, openDatabase } from '@streamswap/dapp';
import { type Address, type Hex, hexToString, isAddressEqual, keccak256 } from 'viem';
import type { AdvanceInput } from './evmAdvance.js';
import { encodeOutputs } from './encodeOutputs.js';
import { VerificationError } from './VerificationError.js';

/** One input as the node processed it: its decoded metadata, status and outputs (`raw_data`, in index order). */
export interface NodeVerdict {
  input: AdvanceInput;
  /** The input's raw_data; the cursor keeps the keccak256 of the last one, so a restart checks it resumes the same history. */
  raw: Hex;
  status: string;
  outputs: Hex[];
}

export interface Cursor {
  application: Address;
  /** The next input index to replay (= inputs replayed so far). */
  nextInput: bigint;
  /** The next global output index expected from the node (= outputs verified so far). */
  nextOutput: bigint;
  lastInputHash: Hex | null;
  /** block_timestamp of the last replayed input (accepted or not), 0 before any. */
  lastTimestamp: bigint;
}

export interface BatchResult {
  applied: number;
  /** Set when input `applied` of the batch disagreed: everything before it is committed. */
  failure?: VerificationError;
}

/**
 * The replica: the back-end's own StreamSwapApp over its own SQLite, plus the cursor in a `replica_cursor` table of
 * the same database (left out of the state digest), written in the same transaction as the state it describes.
 */
export class Replica {
  readonly db: SqlDatabase;
  readonly app: StreamSwapApp;
  private current: Cursor;

  constructor(path: string, application: Address, config?: AppConfig) {
    this.db = openDatabase(path);
    this.app = new StreamSwapApp(this.db, config);
    this.db.exec(`CREATE TABLE IF NOT EXISTS replica_cursor (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      application TEXT NOT NULL,
      next_input INTEGER NOT NULL,
      next_output INTEGER NOT NULL,
      last_input_hash TEXT,
      last_timestamp INTEGER NOT NULL
    )`);
    const row = this.db
      .prepare('SELECT application, next_input, next_output, last_input_hash, last_timestamp FROM replica_cursor WHERE id = 1')
      .get<{ application: string; next_input: bigint; next_output: bigint; last_input_hash: string | null; last_timestamp: bigint }>();
    this.current = row
      ? {
          application: row.application as Address,
          nextInput: row.next_input,
          nextOutput: row.next_output,
          lastInputHash: row.last_input_hash as Hex | null,
          lastTimestamp: row.last_timestamp,
        }
      : { application, nextInput: 0n, nextOutput: 0n, lastInputHash: null, lastTimestamp: 0n };
  }

  cursor(): Cursor {
    return { ...this.current };
  }

  /**
   * Replays node verdicts in index order, verifying each, in ONE transaction with the cursor: a crash leaves either
   * all of them or none. A disagreement ends the batch; the inputs before it are committed, the failing one is not.
   * (No savepoint per input: on a difference the whole transaction rolls back and the prefix is applied again.)
   */
  applyBatch(verdicts: NodeVerdict[]): BatchResult {
    try {
      return { applied: this.commit(verdicts) };
    } catch (error) {
      if (!(error instanceof FailedAt)) throw error;
      // The whole transaction rolled back; commit the verified prefix alone (rare: the reader stops after this).
      return { applied: this.commit(verdicts.slice(0, error.position)), failure: error.failure };
    }
  }

  /** Replays verdicts in one transaction with the cursor; throws FailedAt (rolling everything back) on a difference. */
  private commit(verdicts: NodeVerdict[]): number {
    if (verdicts.length === 0) return 0;
    const next = { ...this.current };
    this.db.transaction(() => {
      for (const [position, verdict] of verdicts.entries()) {
        if (verdict.input.index !== next.nextInput) {
          throw new Error(`the replica expected input ${next.nextInput}, got ${verdict.input.index}`);
        }
        try {
          this.replayOne(verdict);
        } catch (error) {
          if (error instanceof VerificationError) throw new FailedAt(position, error);
          throw error;
        }
        next.nextInput += 1n;
        next.nextOutput += BigInt(verdict.outputs.length);
        next.lastTimestamp = verdict.input.timestamp;
      }
      next.lastInputHash = keccak256(verdicts[verdicts.length - 1]!.raw);
      this.writeCursor(next);
    });
    this.current = next;
    return verdicts.length;
  }

  /** Forgets everything (a database that follows another history). */
  close(): void {
    this.db.close();
  }

  private writeCursor(c: Cursor): void {
    this.db
      .prepare(
        `INSERT INTO replica_cursor (id, application, next_input, next_output, last_input_hash, last_timestamp) VALUES (1, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET application = excluded.application, next_input = excluded.next_input,
           next_output = excluded.next_output, last_input_hash = excluded.last_input_hash, last_timestamp = excluded.last_timestamp`,
      )
      .run(c.application, c.nextInput, c.nextOutput, c.lastInputHash, c.lastTimestamp);
  }

  /** Runs one input through the back-end code and compares with the node; throws VerificationError (rolling it back). */
  private replayOne({ input, status, outputs }: NodeVerdict): void {
    const i = input.index;
    if (!isAddressEqual(input.appContract, this.current.application)) {
      throw new VerificationError(i, `the input was sent to ${input.appContract}, not to the application ${this.current.application}.`);
    }
    if (status !== 'ACCEPTED' && status !== 'REJECTED') {
      // EXCEPTION and the machine limits: the node rolled the input back without a verdict of the app's own.
      if (outputs.length > 0) throw new VerificationError(i, `the node lists ${outputs.length} outputs for an input it marked ${status}.`);
      return;
    }
    let produced: Hex[] | undefined;
    let rejection = '';
    try {
      produced = encodeOutputs(this.app.advance({ sender: input.sender, timestamp: input.timestamp, index: input.index }, input.payload));
    } catch (error) {
      rejection = error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
    }
    if (status === 'REJECTED') {
      if (produced !== undefined) throw new VerificationError(i, `the node rejected it, but the replay accepted it (${describe(produced)}).`);
      if (outputs.length > 0) throw new VerificationError(i, `the node rejected it, yet lists ${outputs.length} outputs for it.`);
      return;
    }
    if (produced === undefined) throw new VerificationError(i, `the node accepted it, but the replay rejected it (${rejection}).`);
    if (produced.length !== outputs.length) {
      throw new VerificationError(i, `the node lists ${outputs.length} outputs, the replay produced ${produced.length} (${describe(produced)}).`);
    }
    for (let k = 0; k < produced.length; k++) {
      if (produced[k] !== outputs[k] && produced[k]!.toLowerCase() !== outputs[k]!.toLowerCase()) {
        throw new VerificationError(i, `output ${k} of the input differs: the node has ${describe([outputs[k]!])}, the replay ${describe([produced[k]!])}.`);
      }
    }
  }
}

class FailedAt extends Error {
  constructor(
    readonly position: number,
    readonly failure: VerificationError,
  ) {
    super(failure.message);
  }
}

/** Outputs in words for a mismatch message: a notice's JSON text, otherwise the leading bytes and the hash. */
function describe(outputs: Hex[]): string {
  if (outputs.length === 0) return 'no outputs';
  return outputs
    .map((raw) => {
      if (raw.startsWith('0xc258d6e5') && raw.length > 138) {
        const length = Number.parseInt(raw.slice(74, 138), 16);
        try {
          return `notice ${hexToString(`0x${raw.slice(138, 138 + 2 * length)}`)}`;
        } catch {
          /* fall through */
        }
      }
      return `${raw.slice(0, 10)}… (keccak ${keccak256(raw).slice(0, 18)}…)`;
    })
    .join('; ');
}
