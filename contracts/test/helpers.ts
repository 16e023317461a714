import { createPublicClient, createWalletClient, http, type Chain } from 'viem';
import { anvil } from 'viem/chains';
import { anvilAccount } from '../src/index.js';

/** Public client and wallet clients for anvil accounts 0..n, polling fast (automine). */
export function clientsFor(rpcUrl: string) {
  const chain: Chain = { ...anvil, id: 31337 };
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 });
  const wallet = (index: number) => createWalletClient({ chain, transport, account: anvilAccount(index), pollingInterval: 50 });
  return { publicClient, wallet };
}
