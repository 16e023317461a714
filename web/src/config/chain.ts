import { defineChain } from 'viem';
import { anvil } from 'viem/chains';
import { ANVIL_URL } from './env.js';

/** The local chain (anvil, 31337) reached through the node's /anvil proxy, as `cartesi run` exposes it. */
export const localChain = defineChain({
  ...anvil,
  name: 'Local chain',
  rpcUrls: { default: { http: [ANVIL_URL] } },
});
