import Database from 'better-sqlite3';
import type { Hex } from 'viem';

/** An input as the node keeps it: the decoded EvmAdvance plus where it came from and how it ended. */
export interface InputRow {
  idx: number;
  epochIndex: number;
  blockNumber: number;
  blockTimestamp: number;
  chainId: number;
  appContract: Hex; // lowercase
  msgSender: Hex; // lowercase
  prevRandao: Hex; // 0x + 64 hex
  payload: Hex;
  rawData: Hex; // the full EvmAdvance blob
  txHash: Hex;
  logIndex: number;
  status: InputStatus;
  outputsHash: Hex | null;
  createdAt: string;
  updatedAt: string;
}

export type InputStatus = 'NONE' | 'ACCEPTED' | 'REJECTED' | 'EXCEPTION';

export interface OutputRow {
  idx: number;
  inputIndex: number;
  epochIndex: number;
  rawData: Hex;
  /** keccak256(rawData): the tree leaf. Served as `hash` only once the epoch's proof exists. */
  leaf: Hex;
  selector: Hex;
  destination: Hex | null; // lowercase, vouchers only
  siblings: Hex[] | null;
  executionTx: Hex | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReportRow {
  idx: number;
  inputIndex: number;
  epochIndex: number;
  rawData: Hex;
  createdAt: string;
}

export type EpochStatus = 'OPEN' | 'CLOSED' | 'INPUTS_PROCESSED' | 'CLAIM_COMPUTED' | 'CLAIM_SUBMITTED' | 'CLAIM_ACCEPTED' | 'CLAIM_REJECTED';

export interface EpochRow {
  idx: number;
  firstBlock: number;
  lastBlock: number;
  status: EpochStatus;
  root: Hex | null;
  claimTx: Hex | null;
  virtualIndex: number;
  createdAt: string;
  updatedAt: string;
  inputLower: number;
  inputUpper: number;
}

export interface NewOutput {
  rawData: Hex;
  leaf: Hex;
  selector: Hex;
  destination: Hex | null;
}

const now = (): string => new Date().toISOString();

/**
 * The node's own SQLite store (inputs, outputs, reports, epochs, a key/value meta table).
 * Synchronous on purpose: better-sqlite3 is fast and every write happens from the single node event loop.
 */
export class NodeStore {
  readonly db: Database.Database;
  private readonly stmts;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS inputs (
        idx INTEGER PRIMARY KEY, epoch_index INTEGER NOT NULL, block_number INTEGER NOT NULL, block_timestamp INTEGER NOT NULL,
        chain_id INTEGER NOT NULL, app_contract TEXT NOT NULL, msg_sender TEXT NOT NULL, prev_randao TEXT NOT NULL,
        payload TEXT NOT NULL, raw_data TEXT NOT NULL, tx_hash TEXT NOT NULL, log_index INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'NONE', outputs_hash TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS inputs_epoch ON inputs(epoch_index, idx);
      CREATE INDEX IF NOT EXISTS inputs_status ON inputs(status, idx);
      CREATE TABLE IF NOT EXISTS outputs (
        idx INTEGER PRIMARY KEY, input_index INTEGER NOT NULL, epoch_index INTEGER NOT NULL, raw_data TEXT NOT NULL,
        leaf TEXT NOT NULL, selector TEXT NOT NULL, destination TEXT, siblings TEXT, execution_tx TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS outputs_input ON outputs(input_index, idx);
      CREATE INDEX IF NOT EXISTS outputs_epoch ON outputs(epoch_index, idx);
      CREATE TABLE IF NOT EXISTS reports (
        idx INTEGER PRIMARY KEY, input_index INTEGER NOT NULL, epoch_index INTEGER NOT NULL, raw_data TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS reports_input ON reports(input_index, idx);
      CREATE TABLE IF NOT EXISTS epochs (
        idx INTEGER PRIMARY KEY, first_block INTEGER NOT NULL, last_block INTEGER NOT NULL, status TEXT NOT NULL,
        root TEXT, claim_tx TEXT, virtual_index INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    `);
    const db = this.db;
    this.stmts = {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      insertInput: db.prepare(`INSERT OR IGNORE INTO inputs (idx, epoch_index, block_number, block_timestamp, chain_id, app_contract, msg_sender,
        prev_randao, payload, raw_data, tx_hash, log_index, status, created_at, updated_at)
        VALUES (@idx, @epochIndex, @blockNumber, @blockTimestamp, @chainId, @appContract, @msgSender, @prevRandao, @payload, @rawData,
        @txHash, @logIndex, 'NONE', @createdAt, @createdAt)`),
      insertEpoch: db.prepare(`INSERT OR IGNORE INTO epochs (idx, first_block, last_block, status, virtual_index, created_at, updated_at)
        VALUES (?, ?, ?, 'OPEN', (SELECT COUNT(*) FROM epochs), ?, ?)`),
      nextUnprocessed: db.prepare('SELECT * FROM inputs WHERE status = \'NONE\' ORDER BY idx LIMIT 1'),
      inputByIdx: db.prepare('SELECT * FROM inputs WHERE idx = ?'),
      // Inputs are processed strictly in order and every index table is dense from 0, so counts are index lookups.
      processedCount: db.prepare<[], { n: number }>(
        "SELECT COALESCE((SELECT MIN(idx) FROM inputs WHERE status = 'NONE'), (SELECT COALESCE(MAX(idx) + 1, 0) FROM inputs)) AS n",
      ),
      inputCount: db.prepare<[], { n: number }>('SELECT COALESCE(MAX(idx) + 1, 0) AS n FROM inputs'),
      outputCount: db.prepare<[], { n: number }>('SELECT COALESCE(MAX(idx) + 1, 0) AS n FROM outputs'),
      reportCount: db.prepare<[], { n: number }>('SELECT COALESCE(MAX(idx) + 1, 0) AS n FROM reports'),
      setStatus: db.prepare('UPDATE inputs SET status = ?, outputs_hash = ?, updated_at = ? WHERE idx = ?'),
      insertOutput: db.prepare(`INSERT INTO outputs (idx, input_index, epoch_index, raw_data, leaf, selector, destination, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertReport: db.prepare('INSERT INTO reports (idx, input_index, epoch_index, raw_data, created_at) VALUES (?, ?, ?, ?, ?)'),
      outputsOfInput: db.prepare('SELECT * FROM outputs WHERE input_index = ? ORDER BY idx'),
      setExecuted: db.prepare('UPDATE outputs SET execution_tx = ?, updated_at = ? WHERE idx = ?'),
      acceptedInputsBefore: db.prepare('SELECT * FROM inputs WHERE status = \'ACCEPTED\' AND idx < ? ORDER BY idx'),
    };
  }

  getMeta(key: string): string | undefined {
    return this.stmts.getMeta.get(key)?.value;
  }
  setMeta(key: string, value: string): void {
    this.stmts.setMeta.run(key, value);
  }

  /** Stores inputs read from the chain (idempotent per index) and opens their epochs. */
  addInputs(inputs: Omit<InputRow, 'status' | 'outputsHash' | 'createdAt' | 'updatedAt'>[], epochLength: number): number {
    let added = 0;
    this.db.transaction(() => {
      for (const input of inputs) {
        const t = now();
        const r = this.stmts.insertInput.run({ ...input, createdAt: t });
        if (r.changes > 0) {
          added++;
          const e = input.epochIndex;
          this.stmts.insertEpoch.run(e, e * epochLength, e * epochLength + epochLength - 1, t, t);
        }
      }
    })();
    return added;
  }

  nextUnprocessedInput(): InputRow | undefined {
    const row = this.stmts.nextUnprocessed.get() as RawInput | undefined;
    return row && toInput(row);
  }
  input(idx: number): InputRow | undefined {
    const row = this.stmts.inputByIdx.get(idx) as RawInput | undefined;
    return row && toInput(row);
  }
  processedInputCount(): number {
    return this.stmts.processedCount.get()!.n;
  }
  inputCount(): number {
    return this.stmts.inputCount.get()!.n;
  }
  outputCount(): number {
    return this.stmts.outputCount.get()!.n;
  }
  reportCount(): number {
    return this.stmts.reportCount.get()!.n;
  }
  acceptedInputsBefore(idx: number): InputRow[] {
    return (this.stmts.acceptedInputsBefore.all(idx) as RawInput[]).map(toInput);
  }
  outputsOfInput(idx: number): OutputRow[] {
    return (this.stmts.outputsOfInput.all(idx) as RawOutput[]).map(toOutput);
  }

  setOutputExecuted(idx: number, tx: Hex): void {
    this.stmts.setExecuted.run(tx, now(), idx);
  }

  /** Records how an input ended, with its outputs (accepted only) and reports, atomically. */
  finishInput(input: InputRow, status: Exclude<InputStatus, 'NONE'>, outputs: NewOutput[], reports: Hex[], outputsHash: Hex | null): void {
    this.db.transaction(() => {
      const t = now();
      if (status === 'ACCEPTED') {
        let idx = this.outputCount();
        for (const o of outputs) {
          this.stmts.insertOutput.run(idx++, input.idx, input.epochIndex, o.rawData, o.leaf, o.selector, o.destination, t, t);
        }
      }
      let r = this.reportCount();
      for (const payload of reports) this.stmts.insertReport.run(r++, input.idx, input.epochIndex, payload, t);
      this.stmts.setStatus.run(status, outputsHash, t, input.idx);
    })();
  }
}

interface RawInput {
  idx: number; epoch_index: number; block_number: number; block_timestamp: number; chain_id: number; app_contract: string;
  msg_sender: string; prev_randao: string; payload: string; raw_data: string; tx_hash: string; log_index: number; status: string;
  outputs_hash: string | null; created_at: string; updated_at: string;
}
export function toInput(r: RawInput): InputRow {
  return {
    idx: r.idx, epochIndex: r.epoch_index, blockNumber: r.block_number, blockTimestamp: r.block_timestamp, chainId: r.chain_id,
    appContract: r.app_contract as Hex, msgSender: r.msg_sender as Hex, prevRandao: r.prev_randao as Hex, payload: r.payload as Hex,
    rawData: r.raw_data as Hex, txHash: r.tx_hash as Hex, logIndex: r.log_index, status: r.status as InputStatus,
    outputsHash: r.outputs_hash as Hex | null, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

interface RawOutput {
  idx: number; input_index: number; epoch_index: number; raw_data: string; leaf: string; selector: string; destination: string | null;
  siblings: string | null; execution_tx: string | null; created_at: string; updated_at: string;
}
export function toOutput(r: RawOutput): OutputRow {
  return {
    idx: r.idx, inputIndex: r.input_index, epochIndex: r.epoch_index, rawData: r.raw_data as Hex, leaf: r.leaf as Hex,
    selector: r.selector as Hex, destination: r.destination as Hex | null, siblings: r.siblings ? (JSON.parse(r.siblings) as Hex[]) : null,
    executionTx: r.execution_tx as Hex | null, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

interface RawReport { idx: number; input_index: number; epoch_index: number; raw_data: string; created_at: string }
export function toReport(r: RawReport): ReportRow {
  return { idx: r.idx, inputIndex: r.input_index, epochIndex: r.epoch_index, rawData: r.raw_data as Hex, createdAt: r.created_at };
}

interface RawEpoch {
  idx: number; first_block: number; last_block: number; status: string; root: string | null; claim_tx: string | null;
  virtual_index: number; created_at: string; updated_at: string; lower: number | null; upper: number | null;
}
export function toEpoch(r: RawEpoch): EpochRow {
  return {
    idx: r.idx, firstBlock: r.first_block, lastBlock: r.last_block, status: r.status as EpochStatus, root: r.root as Hex | null,
    claimTx: r.claim_tx as Hex | null, virtualIndex: r.virtual_index, createdAt: r.created_at, updatedAt: r.updated_at,
    inputLower: r.lower ?? 0, inputUpper: r.upper ?? 0,
  };
}
/** SELECT list for epochs with their input bounds (lower inclusive, upper exclusive). */
export const EPOCH_SELECT = `SELECT e.*, (SELECT MIN(idx) FROM inputs i WHERE i.epoch_index = e.idx) AS lower,
  (SELECT MAX(idx) + 1 FROM inputs i WHERE i.epoch_index = e.idx) AS upper FROM epochs e`;
