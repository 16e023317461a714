import { encodeFunctionData, type Address, type Hex, type PublicClient, type WalletClient, type Account, type Chain, type Transport } from 'viem';
import { authorityAbi } from '../chain/abis.js';
import type { NodeStore } from '../store/NodeStore.js';
import type { OutputsMerkleTree } from '../merkle/index.js';

export interface ClaimerOptions {
  store: NodeStore;
  publicClient: PublicClient;
  wallet: WalletClient<Transport, Chain, Account>;
  authority: Address;
  application: Address;
  /** The live outputs tree over every accepted output (the engine appends to it); read as of each epoch's end. */
  tree: OutputsMerkleTree;
  /** Blocks are only scanned (and inputs known) up to here. */
  scannedThrough: () => number;
  latestBlock: () => number;
  lastBlockChangeAt: () => number;
  /** Send claims through anvil's impersonation (eth_sendTransaction) instead of signing locally. */
  impersonate?: boolean;
  /** Mine the rest of an epoch whose inputs are all processed once the chain has been idle this long (0 = never). */
  idleMineMs?: number;
  log?: (msg: string) => void;
}

interface PendingEpoch {
  idx: number;
  last_block: number;
  status: string;
}

/**
 * Closes epochs and claims them on the Authority: once an epoch's last block has been scanned and all its inputs are
 * processed, the root of the outputs tree over every output since genesis up to the end of the epoch is submitted with
 * `submitClaim(app, lastBlock, root)`; after the receipt the epoch is CLAIM_ACCEPTED and each of its outputs gets its 63
 * siblings (so a proof present means the output is executable). Epochs are claimed strictly in order.
 */
export class Claimer {
  private busy: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private mining = false;
  private impersonating = false;
  lastError: unknown = null;

  constructor(private readonly o: ClaimerOptions) {}

  start(intervalMs = 200): void {
    const loop = (): void => {
      if (this.stopped) return;
      this.kick();
      this.timer = setTimeout(loop, intervalMs);
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
  }

  /** Runs a claim pass now (or right after the one in progress). */
  kick(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = this.pass()
      .catch((err: unknown) => {
        this.lastError = err;
        this.o.log?.(`claimer: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => {
        this.busy = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves once no claim pass is running. */
  async idle(): Promise<void> {
    while (this.busy) await this.busy;
  }

  private async pass(): Promise<void> {
    const { store } = this.o;
    const db = store.db;
    const pending = db.prepare<[], PendingEpoch>("SELECT idx, last_block, status FROM epochs WHERE status != 'CLAIM_ACCEPTED' ORDER BY idx").all();
    for (const e of pending) {
      if (this.stopped) return;
      const unprocessed = db.prepare<[number], { n: number }>("SELECT COUNT(*) AS n FROM inputs WHERE epoch_index = ? AND status = 'NONE'").get(e.idx)!.n;
      if (e.last_block > this.o.scannedThrough()) {
        if (unprocessed === 0) await this.maybeMine(e.last_block);
        return;
      }
      if (e.status === 'OPEN') this.setStatus(e.idx, 'CLOSED');
      if (unprocessed > 0) return;
      if (e.status === 'CLAIM_REJECTED') return; // needs a human; later epochs cannot be claimed on top of it
      await this.claim(e);
    }
  }

  private async claim(e: PendingEpoch): Promise<void> {
    const { store, tree } = this.o;
    const db = store.db;
    const outputs = db.prepare<[number], { idx: number }>('SELECT idx FROM outputs WHERE epoch_index = ? ORDER BY idx').all(e.idx);
    // All inputs up to this epoch are processed, so the outputs of epochs <= e are a prefix of the tree.
    const n = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM outputs WHERE epoch_index <= ?').get(e.idx)!.n;
    if (tree.leafCount < n) throw new Error(`the outputs tree holds ${tree.leafCount} leaves, epoch ${e.idx} needs ${n}`);
    const root = tree.root(n);
    if (e.status === 'CLOSED' || e.status === 'OPEN') this.setStatus(e.idx, 'INPUTS_PROCESSED');
    db.prepare("UPDATE epochs SET status = 'CLAIM_COMPUTED', root = ?, updated_at = ? WHERE idx = ?").run(root, new Date().toISOString(), e.idx);
    if (!(await this.submit(e, root))) return;
    const siblings = outputs.map((o) => tree.siblings(o.idx, n));
    const t = new Date().toISOString();
    db.transaction(() => {
      const upd = db.prepare('UPDATE outputs SET siblings = ?, updated_at = ? WHERE idx = ?');
      outputs.forEach((o, i) => upd.run(JSON.stringify(siblings[i]), t, o.idx));
      db.prepare("UPDATE epochs SET status = 'CLAIM_ACCEPTED', updated_at = ? WHERE idx = ?").run(t, e.idx);
    })();
  }

  private async submit(e: PendingEpoch, root: Hex): Promise<boolean> {
    const { publicClient, authority, application, store } = this.o;
    const isValid = (): Promise<boolean> =>
      publicClient.readContract({ address: authority, abi: authorityAbi, functionName: 'isOutputsMerkleRootValid', args: [application, root] });
    let hash: Hex;
    try {
      hash = await this.send(encodeFunctionData({ abi: authorityAbi, functionName: 'submitClaim', args: [application, BigInt(e.last_block), root] }));
    } catch (err) {
      // NotFirstClaim after a node restart on the same chain: fine if the root is already valid.
      if (await isValid()) return true;
      throw err;
    }
    store.db.prepare("UPDATE epochs SET status = 'CLAIM_SUBMITTED', claim_tx = ?, updated_at = ? WHERE idx = ?").run(hash, new Date().toISOString(), e.idx);
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 10 });
    if (receipt.status === 'success' || (await isValid())) return true;
    this.setStatus(e.idx, 'CLAIM_REJECTED');
    this.o.log?.(`claim for epoch ${e.idx} reverted (tx ${hash})`);
    return false;
  }

  /**
   * Sends a transaction to the Authority from the claimer. On anvil the claimer is impersonated, so anvil signs and the
   * node spends no CPU on gas estimation and signatures (it shares the machine with everything else).
   */
  private async send(data: Hex): Promise<Hex> {
    const { publicClient, wallet, authority } = this.o;
    const from = wallet.account.address;
    if (this.o.impersonate) {
      if (!this.impersonating) {
        await publicClient.request({ method: 'anvil_impersonateAccount' as never, params: [from] as never });
        this.impersonating = true;
      }
      return (await publicClient.request({ method: 'eth_sendTransaction' as never, params: [{ from, to: authority, data, gas: '0x493e0' }] as never })) as Hex;
    }
    return wallet.sendTransaction({ to: authority, data });
  }

  private async maybeMine(lastBlock: number): Promise<void> {
    const idle = this.o.idleMineMs ?? 1000;
    if (idle <= 0 || this.mining) return;
    if (Date.now() - this.o.lastBlockChangeAt() < idle) return;
    const latest = this.o.latestBlock();
    const count = lastBlock - latest;
    if (latest < 0 || count <= 0) return;
    this.mining = true;
    try {
      await this.o.publicClient.request({ method: 'anvil_mine' as never, params: [`0x${count.toString(16)}`] as never });
    } finally {
      this.mining = false;
    }
  }

  private setStatus(idx: number, status: string): void {
    this.o.store.db.prepare('UPDATE epochs SET status = ?, updated_at = ? WHERE idx = ?').run(status, new Date().toISOString(), idx);
  }
}
