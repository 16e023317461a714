import { defineChain } from 'viem';
import { CHAIN_ID, CHAIN_NAME, CHAIN_RPC_URL } from './env.js';

/** The one chain this build talks to (VITE_CHAIN_ID, VITE_CHAIN_RPC_URL). */
export const appChain = defineChain({
  id: CHAIN_ID,
  name: CHAIN_NAME,
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [CHAIN_RPC_URL] } },
});

/** The name the screens import: the build's chain, local or not. */
export const localChain = appChain;
