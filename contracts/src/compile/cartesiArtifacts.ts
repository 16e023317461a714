import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Abi, Hex } from 'viem';

export interface FoundryArtifact {
  abi: Abi;
  bytecode: Hex;
}

const require = createRequire(import.meta.url);

/** Reads `node_modules/@cartesi/rollups/out/<name>.sol/<name>.json` (the Foundry artifacts published in the npm package). */
export function readCartesiArtifact(name: string): FoundryArtifact {
  const path = require.resolve(`@cartesi/rollups/out/${name}.sol/${name}.json`);
  const json = JSON.parse(readFileSync(path, 'utf8')) as { abi: Abi; bytecode: { object: Hex } };
  return { abi: json.abi, bytecode: json.bytecode.object };
}

/**
 * The Cartesi contracts whose ABIs are exported (as `<camelName>Abi`) from the browser-safe entry.
 * Key = the exported ABI's name without the suffix, value = the artifact name in @cartesi/rollups/out.
 */
export const CARTESI_ABI_ARTIFACTS = {
  inputBox: 'InputBox',
  etherPortal: 'EtherPortal',
  erc20Portal: 'ERC20Portal',
  application: 'Application',
  authority: 'Authority',
  consensus: 'IConsensus',
  applicationFactory: 'ApplicationFactory',
  authorityFactory: 'AuthorityFactory',
  selfHostedApplicationFactory: 'SelfHostedApplicationFactory',
  erc20: 'IERC20',
  outputs: 'Outputs',
  inputs: 'Inputs',
  dataAvailability: 'DataAvailability',
} as const;
