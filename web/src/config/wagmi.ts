import { createConfig, http } from 'wagmi';
import { DEV_ACCOUNTS } from './devAccounts.js';
import { devAccount } from './devConnector.js';
import { localChain } from './chain.js';

/** EIP-6963 discovery is on by default: MetaMask, Rabby... appear next to the development accounts. */
export const wagmiConfig = createConfig({
  chains: [localChain],
  connectors: DEV_ACCOUNTS.map((address, index) => devAccount(index, address)),
  transports: { [localChain.id]: http() },
  pollingInterval: 1_000,
});

declare module 'wagmi' {
  interface Register {
    config: typeof wagmiConfig;
  }
}
