import { createPublicClient, decodeEventLog, webSocket, type Address, type Hex, type PublicClient } from 'viem';
import { applicationEventsAbi, inputBoxEventsAbi } from './abis.js';
import { decodeEvmAdvance } from './evmAdvance.js';
import type { NodeStore } from '../store/NodeStore.js';

export interface InputReaderOptions {
  client: PublicClient;
  store: NodeStore;
  inputBox: Address;
  application: Address;
  /** First block to scan on a fresh store (the application's deployment block). */
  fromBlock: number;
  epochLength: number;
  /** Poll interval; short because inputs are only as fresh as this (without a block subscription). */
  intervalMs?: number;
  /**
   * WebSocket URL of the chain (anvil serves it on its HTTP port): new blocks are pushed with eth_subscribe("newHeads")
   * and scanned at once; polling then only backs it up (every `backupIntervalMs`).
   */
  wsUrl?: string;
  backupIntervalMs?: number;
  onInputs?: (count: number) => void;
  onBlock?: (latest: number) => void;
}

interface RpcLog {
  address: Hex;
  topics: [Hex, ...Hex[]];
  data: Hex;
  blockNumber: Hex;
  transactionHash: Hex;
  logIndex: Hex;
}

/**
 * Polls the chain for the application's InputAdded (and OutputExecuted) logs, one eth_blockNumber + eth_getLogs per
 * new block range, and stores the decoded inputs. The scan cursor lives in the store, so a restarted node resumes.
 */
export class InputReader {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private ticking: Promise<void> | null = null;
  private again = false;
  /** True once new blocks arrive over the WebSocket subscription. */
  subscribed = false;
  private unwatch: (() => void) | null = null;
  private wsClient: PublicClient | null = null;
  latestBlock = -1;
  lastBlockChangeAt = Date.now();
  lastError: unknown = null;

  constructor(private readonly o: InputReaderOptions) {}

  /** The next block to scan. */
  get nextBlock(): number {
    return Number(this.o.store.getMeta('reader.nextBlock') ?? this.o.fromBlock);
  }
  /** Every block up to here (inclusive) has been scanned. */
  get scannedThrough(): number {
    return this.nextBlock - 1;
  }

  start(): void {
    this.running = true;
    if (this.o.wsUrl) this.subscribe(this.o.wsUrl);
    this.kick();
  }

  /** Scans now, or right after the scan in progress; then re-arms the backup poll. */
  kick(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.ticking = this.tick()
      .catch((err: unknown) => {
        this.lastError = err;
      })
      .finally(() => {
        this.ticking = null;
        if (!this.running) return;
        if (this.again) {
          this.again = false;
          this.kick();
          return;
        }
        const interval = this.subscribed ? (this.o.backupIntervalMs ?? 250) : (this.o.intervalMs ?? 25);
        this.timer = setTimeout(() => this.kick(), interval);
      });
  }

  private subscribe(wsUrl: string): void {
    try {
      const ws = createPublicClient({ transport: webSocket(wsUrl, { retryCount: 0, reconnect: false }) });
      this.unwatch = ws.watchBlockNumber({
        onBlockNumber: () => {
          this.subscribed = true;
          this.kick();
        },
        onError: () => {
          this.subscribed = false;
        },
      });
      this.wsClient = ws;
    } catch {
      this.subscribed = false;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.unwatch?.();
    try {
      const socket = await (this.wsClient?.transport as { getRpcClient?: () => Promise<{ close(): void }> } | undefined)?.getRpcClient?.();
      socket?.close();
    } catch {
      // already closed
    }
    await this.ticking;
  }

  /** One scan step; also usable directly by tests. */
  async tick(): Promise<void> {
    const { client, store, inputBox, application, epochLength } = this.o;
    // The head's hash too (same single call): the store keeps the hash of the last block it scanned, so a restart can
    // tell whether the chain still holds that block (see store/reconcileWithChain.ts).
    const head = (await client.request({ method: 'eth_getBlockByNumber', params: ['latest', false] })) as { number: Hex; hash: Hex } | null;
    if (!head) return;
    const latest = Number(BigInt(head.number));
    if (latest !== this.latestBlock) {
      this.latestBlock = latest;
      this.lastBlockChangeAt = Date.now();
    }
    const from = this.nextBlock;
    if (latest < from) return;
    const logs = (await client.request({
      method: 'eth_getLogs',
      params: [{ fromBlock: `0x${from.toString(16)}`, toBlock: `0x${latest.toString(16)}`, address: [inputBox, application] }],
    })) as unknown as RpcLog[];
    const app = application.toLowerCase();
    const inputs: Parameters<NodeStore['addInputs']>[0] = [];
    const executed: { index: number; tx: Hex }[] = [];
    for (const log of logs) {
      if (log.address.toLowerCase() === inputBox.toLowerCase()) {
        let ev;
        try {
          ev = decodeEventLog({ abi: inputBoxEventsAbi, topics: log.topics, data: log.data });
        } catch {
          continue;
        }
        if (ev.args.appContract.toLowerCase() !== app) continue;
        const adv = decodeEvmAdvance(ev.args.input);
        inputs.push({
          idx: Number(ev.args.index),
          epochIndex: Math.floor(adv.blockNumber / epochLength),
          blockNumber: adv.blockNumber,
          blockTimestamp: adv.blockTimestamp,
          chainId: adv.chainId,
          appContract: adv.appContract,
          msgSender: adv.msgSender,
          prevRandao: adv.prevRandao,
          payload: adv.payload,
          rawData: ev.args.input,
          txHash: log.transactionHash,
          logIndex: Number(BigInt(log.logIndex)),
        });
      } else {
        try {
          const ev = decodeEventLog({ abi: applicationEventsAbi, topics: log.topics, data: log.data });
          if (ev.eventName === 'OutputExecuted') executed.push({ index: Number(ev.args.outputIndex), tx: log.transactionHash });
        } catch {
          // other Application events (ownership, validator migration) are not tracked
        }
      }
    }
    store.db.transaction(() => {
      if (inputs.length) store.addInputs(inputs, epochLength);
      for (const e of executed) store.setOutputExecuted(e.index, e.tx);
      store.setMeta('reader.nextBlock', String(latest + 1));
      store.setMeta('reader.lastBlockHash', head.hash);
    })();
    if (inputs.length) this.o.onInputs?.(inputs.length);
    this.o.onBlock?.(latest);
  }
}
