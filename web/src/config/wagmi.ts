import { createConfig, http } from 'wagmi';
import { DEV_ACCOUNTS } from './devAccounts.js';
import { devAccount } from './devConnector.js';
import { appChain } from './chain.js';
import { DEV_ACCOUNTS_ENABLED } from './env.js';

/**
 * EIP-6963 discovery is on by default: MetaMask, Rabby... appear, next to the development accounts in a development
 * build only (DEV_ACCOUNTS_ENABLED is a literal, so a production bundle has neither the accounts nor their connector).
 */
export const wagmiConfig = createConfig({
  chains: [appChain],
  connectors: DEV_ACCOUNTS_ENABLED ? DEV_ACCOUNTS.map((address, index) => devAccount(index, address)) : [],
  transports: { [appChain.id]: http() },
  pollingInterval: 1_000,
});

declare module 'wagmi' {
  interface Register {
    config: typeof wagmiConfig;
  }
}
