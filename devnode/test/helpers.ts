import { createPublicClient, createWalletClient, decodeEventLog, http, type Hex, type PublicClient } from 'viem';
import { anvil } from 'viem/chains';
import { anvilAccount, inputBoxAbi } from '@streamswap/contracts';
import type { AddressBook } from '@streamswap/protocol';
import { startDevStack, type DevStack, type DevStackOptions } from '../src/index.js';

/** A stack on free ports whose back-end is the echo fixture (see fixtures/echoBackend.ts). */
export function startEchoStack(opts: DevStackOptions = {}): Promise<DevStack> {
  return startDevStack({
    anvilPort: 0,
    rollupPort: 0,
    httpPort: 0,
    backendCommand: [process.execPath, '--import', 'tsx', 'devnode/test/fixtures/echoBackend.ts'],
    ...opts,
  });
}

/** A stack, or just a chain URL and its address book. */
export type ChainTarget = DevStack | { urls: { anvil: string }; addressBook: AddressBook };

export function chainClients(stack: ChainTarget, accountIndex = 1) {
  const chain = { ...anvil, id: stack.addressBook.chainId };
  const transport = http(stack.urls.anvil);
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 20 }) as PublicClient;
  const wallet = createWalletClient({ chain, transport, account: anvilAccount(accountIndex), pollingInterval: 20 });
  return { publicClient, wallet };
}

/** Sends `payload` through the real InputBox and returns the input index from the InputAdded log. */
export async function sendInput(stack: ChainTarget, payload: Hex, accountIndex = 1): Promise<{ index: bigint; blockNumber: bigint }> {
  const { publicClient, wallet } = chainClients(stack, accountIndex);
  const hash = await wallet.writeContract({ address: stack.addressBook.inputBox, abi: inputBoxAbi, functionName: 'addInput', args: [stack.addressBook.application, payload] });
  const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  for (const log of receipt.logs) {
    try {
      const ev = decodeEventLog({ abi: inputBoxAbi, topics: log.topics, data: log.data });
      if (ev.eventName === 'InputAdded') return { index: ev.args.index, blockNumber: receipt.blockNumber };
    } catch {
      // not an InputBox event
    }
  }
  throw new Error(`no InputAdded in tx ${hash}`);
}

export async function until<T>(what: string, f: () => T | undefined | Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function inspectJson(stack: DevStack, route: string): Promise<any> {
  const res = await fetch(stack.urls.inspect, { method: 'POST', body: route });
  const body = (await res.json()) as { reports: { payload: Hex }[] };
  return JSON.parse(Buffer.from(body.reports[0]!.payload.slice(2), 'hex').toString('utf8'));
}
