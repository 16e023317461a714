import { decodeEventLog, keccak256, parseAbi, type Hex, type PublicClient } from 'viem';
import type { AddressBook } from '@streamswap/protocol';
import { applicationEventsAbi, authorityAbi } from '../chain/abis.js';
import type { NodeStore } from './NodeStore.js';

const inputBoxReadAbi = parseAbi([
  'function getNumberOfInputs(address appContract) view returns (uint256)',
  'function getInputHash(address appContract, uint256 index) view returns (bytes32)',
]);

export type Reconciliation =
  /** The store and the chain agree (possibly after dropping claims the chain lost). */
  | { kind: 'consistent'; claimsReset: number }
  /** The chain lost blocks the store had seen (a restart from a state saved before a crash): treated as a reorg. */
  | { kind: 'rolledBack'; keptThrough: number; droppedInputs: number; claimsReset: number }
  /** The store does not belong to this chain at all: the caller starts it afresh. */
  | { kind: 'foreign'; reason: string };

/**
 * Brings a node store in line with the chain it restarts on, before anything reads it.
 *
 * After a crash the chain comes back from its last save (chainStateFile.ts), up to a second older than the store,
 * which SQLite kept up to the last committed input. The blocks the chain lost are a reorg: everything the store took
 * from them goes (inputs, their outputs and reports, epochs left without inputs, the executions seen there), the
 * cursor moves back to the last kept block, and the back-end, which replays the store's accepted inputs into a fresh
 * database at every start, is rebuilt from exactly what the chain still holds. Claims are checked on the chain in any
 * case (a claim is mined after the block that closes its epoch, so the store can know a claim the chain lost even when
 * no block it scanned was lost): a lost one puts its epoch back to be claimed again and drops its proofs.
 * A store whose kept inputs do not match the chain's is `foreign`.
 */
export async function reconcileWithChain(store: NodeStore, client: PublicClient, book: AddressBook): Promise<Reconciliation> {
  const db = store.db;
  const nextBlock = store.getMeta('reader.nextBlock');
  const scanned = nextBlock === undefined ? book.deploymentBlock - 1 : Number(nextBlock) - 1;
  const head = Number(await client.getBlockNumber());
  const storedHash = store.getMeta('reader.lastBlockHash');

  let lost = scanned > head;
  if (!lost && storedHash !== undefined && scanned >= book.deploymentBlock) {
    const block = await client.getBlock({ blockNumber: BigInt(scanned) }).catch(() => null);
    lost = block?.hash !== storedHash;
  }
  // The saved chain is a prefix of the one the store followed, so what both hold is up to the older of the two heads.
  const keepThrough = lost ? Math.min(scanned, head) : scanned;

  // The inputs the store keeps must be the chain's: same count at most and the same last input.
  const kept = db.prepare<[number], { idx: number; raw_data: Hex }>('SELECT idx, raw_data FROM inputs WHERE block_number <= ? ORDER BY idx DESC LIMIT 1').get(keepThrough);
  const onChain = await client.readContract({ address: book.inputBox, abi: inputBoxReadAbi, functionName: 'getNumberOfInputs', args: [book.application] });
  if (kept) {
    if (BigInt(kept.idx) >= onChain) return { kind: 'foreign', reason: `the store holds input ${kept.idx}, the chain ${onChain} inputs` };
    const hash = await client.readContract({ address: book.inputBox, abi: inputBoxReadAbi, functionName: 'getInputHash', args: [book.application, BigInt(kept.idx)] });
    if (hash !== keccak256(kept.raw_data)) return { kind: 'foreign', reason: `input ${kept.idx} differs from the chain's` };
  }

  let droppedInputs = 0;
  if (lost) {
    const keptBlock = keepThrough >= 0 ? await client.getBlock({ blockNumber: BigInt(keepThrough) }) : null;
    // Executions are read back from the chain: the store saw some in blocks that are gone.
    const executions = keepThrough >= book.deploymentBlock ? await executedOutputs(client, book, keepThrough) : [];
    const t = new Date().toISOString();
    db.transaction(() => {
      const first = db.prepare<[number], { idx: number | null }>('SELECT MIN(idx) AS idx FROM inputs WHERE block_number > ?').get(keepThrough)?.idx ?? null;
      if (first !== null) {
        droppedInputs = db.prepare('DELETE FROM inputs WHERE idx >= ?').run(first).changes;
        db.prepare('DELETE FROM outputs WHERE input_index >= ?').run(first);
        db.prepare('DELETE FROM reports WHERE input_index >= ?').run(first);
      }
      db.prepare('DELETE FROM epochs WHERE idx NOT IN (SELECT DISTINCT epoch_index FROM inputs)').run();
      // An epoch that is not over on the recovered chain has no claim there (a claim comes after the epoch's last block).
      reopen(store, 'last_block > ?', keepThrough, 'OPEN', t);
      db.prepare('UPDATE outputs SET execution_tx = NULL, updated_at = ? WHERE execution_tx IS NOT NULL').run(t);
      const setExecuted = db.prepare('UPDATE outputs SET execution_tx = ?, updated_at = ? WHERE idx = ?');
      for (const e of executions) setExecuted.run(e.tx, t, e.index);
      store.setMeta('reader.nextBlock', String(keepThrough + 1));
      if (keptBlock?.hash) store.setMeta('reader.lastBlockHash', keptBlock.hash);
    })();
  }

  const claimsReset = await dropLostClaims(store, client, book, keepThrough);
  return lost ? { kind: 'rolledBack', keptThrough: keepThrough, droppedInputs, claimsReset } : { kind: 'consistent', claimsReset };
}

/** Walks the claimed epochs from the newest back to the first whose claim the chain holds; the ones after it are reset. */
async function dropLostClaims(store: NodeStore, client: PublicClient, book: AddressBook, scannedThrough: number): Promise<number> {
  const claimed = store.db
    .prepare<[], { idx: number; root: Hex | null; last_block: number }>(
      "SELECT idx, root, last_block FROM epochs WHERE status IN ('CLAIM_COMPUTED', 'CLAIM_SUBMITTED', 'CLAIM_ACCEPTED') ORDER BY idx DESC",
    )
    .all();
  let reset = 0;
  const t = new Date().toISOString();
  for (const e of claimed) {
    const valid =
      e.root !== null &&
      (await client.readContract({ address: book.authority, abi: authorityAbi, functionName: 'isOutputsMerkleRootValid', args: [book.application, e.root] }));
    if (valid) break;
    reopen(store, 'idx = ?', e.idx, e.last_block <= scannedThrough ? 'CLOSED' : 'OPEN', t);
    reset++;
  }
  return reset;
}

/** Puts epochs back before their claim: no root, no claim, no proofs for their outputs. */
function reopen(store: NodeStore, where: string, arg: number, status: 'OPEN' | 'CLOSED', t: string): void {
  const db = store.db;
  db.prepare(`UPDATE outputs SET siblings = NULL, updated_at = ? WHERE epoch_index IN (SELECT idx FROM epochs WHERE ${where})`).run(t, arg);
  db.prepare(`UPDATE epochs SET status = ?, root = NULL, claim_tx = NULL, updated_at = ? WHERE ${where}`).run(status, t, arg);
}

async function executedOutputs(client: PublicClient, book: AddressBook, toBlock: number): Promise<{ index: number; tx: Hex }[]> {
  const logs = await client.getLogs({
    address: book.application,
    event: applicationEventsAbi[0],
    fromBlock: BigInt(book.deploymentBlock),
    toBlock: BigInt(toBlock),
  });
  return logs.map((l) => {
    const ev = decodeEventLog({ abi: applicationEventsAbi, topics: l.topics, data: l.data });
    return { index: Number(ev.args.outputIndex), tx: l.transactionHash };
  });
}
