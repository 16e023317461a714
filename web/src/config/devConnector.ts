import { createConnector } from 'wagmi';
import { mock } from 'wagmi/connectors';
import type { Address } from 'viem';
import { copy } from '../lib/copy.js';
import { DEV_ACCOUNTS } from './devAccounts.js';

export const DEV_CONNECTOR_TYPE = 'dev';

const storageKey = (index: number) => `streamswap.devAccount.${index}`;

/**
 * A one-click wallet for the local chain: wagmi's mock connector forwards every non-wallet request
 * (eth_sendTransaction included) to the chain's RPC, where anvil signs for its unlocked accounts.
 * Renamed so the UI can list one per account. It reconnects after a reload only if the user chose
 * it before (a flag in localStorage), so a first visit shows "Connect wallet" like any dapp.
 */
export function devAccount(index: number, address: Address) {
  // not connected by default: only connect() (a click) or a reconnect of a flagged account connects it
  const base = mock({ accounts: [address], features: { defaultConnected: false, reconnect: true } });
  return createConnector((config) => {
    const inner = base(config);
    return {
      ...inner,
      id: `dev-${index}`,
      name: copy.wallet.devAccount(index),
      type: DEV_CONNECTOR_TYPE,
      async connect(parameters) {
        const result = await inner.connect.call(this, parameters);
        // only the account chosen last comes back after a reload
        for (let i = 0; i < DEV_ACCOUNTS.length; i++) if (i !== index) globalThis.localStorage?.removeItem(storageKey(i));
        globalThis.localStorage?.setItem(storageKey(index), '1');
        return result;
      },
      async disconnect() {
        globalThis.localStorage?.removeItem(storageKey(index));
        await inner.disconnect.call(this);
      },
      async isAuthorized() {
        return globalThis.localStorage?.getItem(storageKey(index)) === '1';
      },
    } as typeof inner;
  });
}
