import type { BuildDefaults } from '../src/config/buildConfig.js';

/**
 * What a build uses when VITE_* says nothing: the local dev chain of `npm start` / `cartesi run` (anvil's default chain
 * id, behind the node's entry point on :6751). Kept here, outside the app's sources, so nothing under src/ assumes a chain.
 */
export const BUILD_DEFAULTS: BuildDefaults = {
  chainId: 31337,
  nodeUrl: 'http://127.0.0.1:6751',
  chainRpcPath: '/anvil',
  chainNames: { 31337: 'Local chain', 1: 'Ethereum', 11155111: 'Sepolia', 10: 'OP Mainnet', 11155420: 'OP Sepolia', 8453: 'Base', 84532: 'Base Sepolia', 42161: 'Arbitrum One', 421614: 'Arbitrum Sepolia' },
};
