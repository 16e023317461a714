import { createConnector } from 'wagmi';
import { mock } from 'wagmi/connectors';
import type { Address } from 'viem';
import { copy } from '../lib/copy.js';

export const DEV_CONNECTOR_TYPE = 'dev';

/**
 * A one-click wallet for the local chain: wagmi's mock connector forwards every non-wallet request
 * (eth_sendTransaction included) to the chain's RPC, where anvil signs for its unlocked accounts.
 * Renamed so the UI can list one per account; reconnects after a reload like a real wallet.
 */
export function devAccount(index: number, address: Address) {
  const base = mock({ accounts: [address], features: { defaultConnected: true, reconnect: true } });
  return createConnector((config) => ({
    ...base(config),
    id: `dev-${index}`,
    name: copy.wallet.devAccount(index),
    type: DEV_CONNECTOR_TYPE,
  }));
}
