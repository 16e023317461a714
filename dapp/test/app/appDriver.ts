import { AppError, CARTESI_V2_2_ADDRESSES, dappAbi } from '@streamswap/protocol';
import { type Address, type Hex, encodeFunctionData, encodePacked } from 'viem';
import { StreamSwapApp } from '../../src/app/StreamSwapApp.js';
import { openDatabase, type SqliteBinding } from '../../src/storage/openDatabase.js';

export type Call = Omit<Parameters<typeof encodeFunctionData<typeof dappAbi>>[0], 'abi'>;

/** What one input came to: accepted with its outputs, or rejected with a stable code (or a non-AppError throw). */
export type Outcome =
  | { ok: true; notices: Record<string, unknown>[]; vouchers: number }
  | { ok: false; code: string; message: string; internal: boolean };

/**
 * Drives the real back-end (StreamSwapApp on real SQLite) the way the node does: one advance per input, with
 * an input index and a block timestamp, payloads ABI-encoded with dappAbi or packed like the v2 portals.
 */
export class AppDriver {
  readonly app: StreamSwapApp;
  index = 0n;

  constructor(binding?: SqliteBinding) {
    this.app = new StreamSwapApp(openDatabase(':memory:', binding));
  }

  send(sender: Address, payload: Hex, t: bigint): Outcome {
    try {
      const r = this.app.advance({ sender, timestamp: t, index: this.index }, payload);
      this.index += 1n;
      return { ok: true, notices: r.notices as unknown as Record<string, unknown>[], vouchers: r.vouchers.length };
    } catch (error) {
      // a rejected input still consumes its index on the node; the app does not record it (no state change)
      this.index += 1n;
      if (error instanceof AppError && error.code !== 'INTERNAL_ERROR') return { ok: false, code: error.code, message: error.message, internal: false };
      return { ok: false, code: 'INTERNAL_ERROR', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error), internal: true };
    }
  }

  call(sender: Address, c: Call, t: bigint): Outcome {
    return this.send(sender, encodeFunctionData({ abi: dappAbi, ...c } as Parameters<typeof encodeFunctionData<typeof dappAbi>>[0]), t);
  }

  depositErc20(token: Address, account: Address, amount: bigint, t: bigint): Outcome {
    return this.send(CARTESI_V2_2_ADDRESSES.erc20Portal, encodePacked(['address', 'address', 'uint256'], [token, account, amount]), t);
  }

  depositEther(account: Address, amount: bigint, t: bigint): Outcome {
    return this.send(CARTESI_V2_2_ADDRESSES.etherPortal, encodePacked(['address', 'uint256'], [account, amount]), t);
  }

  /** Runs fn against the live state and rolls everything it did back (a savepoint inside, or a transaction). */
  dryRun<T>(fn: () => T): T {
    const rollback = new Error('dry run: roll back');
    const index = this.index;
    let result: T | undefined;
    try {
      this.app.db.transaction(() => {
        result = fn();
        throw rollback;
      });
    } catch (error) {
      if (error !== rollback) throw error;
    } finally {
      this.index = index;
    }
    return result as T;
  }
}
