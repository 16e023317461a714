import { createConfig } from 'wagmi';
import { connect, getConnection, reconnect } from 'wagmi/actions';
import { http } from 'viem';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEV_ACCOUNTS } from './devAccounts.js';
import { devAccount } from './devConnector.js';
import { localChain } from './chain.js';

/** A fresh page load: a new config over the same localStorage, reconnecting like WagmiProvider does on mount. */
async function load() {
  const config = createConfig({ chains: [localChain], connectors: DEV_ACCOUNTS.slice(0, 3).map((a, i) => devAccount(i, a)), transports: { [localChain.id]: http('http://127.0.0.1:1') }, storage: null });
  await reconnect(config);
  return config;
}

describe('development account connector', () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    store.clear();
    (globalThis as { localStorage?: unknown }).localStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('leaves a first visit disconnected', async () => {
    const config = await load();
    expect(getConnection(config).status).toBe('disconnected');
  });

  it('reconnects after a reload only the account the user chose last', async () => {
    const first = await load();
    await connect(first, { connector: first.connectors[0]! });
    await connect(first, { connector: first.connectors[2]! });
    const again = await load();
    expect(getConnection(again).status).toBe('connected');
    expect(getConnection(again).address).toBe(DEV_ACCOUNTS[2]);
    expect([...store.keys()]).toEqual(['streamswap.devAccount.2']);
  });
});
