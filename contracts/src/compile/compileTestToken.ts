import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Abi, Hex } from 'viem';

/** The exact compiler the artifacts were built with; the test refuses any other. */
export const SOLC_VERSION = '0.8.30';

/** Path of the Solidity source, relative to this file (the key used in the standard JSON is its base name). */
const SOURCE_URL = new URL('../sol/TestToken.sol', import.meta.url);
const SOURCE_KEY = 'TestToken.sol';

export interface CompiledContract {
  abi: Abi;
  bytecode: Hex;
  deployedBytecode: Hex;
  solcVersion: string;
}

/**
 * The standard-JSON input. Everything that changes the bytes is pinned here (optimizer, EVM version,
 * metadata settings, source key), so the same source gives the same bytecode on every machine.
 */
export function testTokenStandardJson(): string {
  const content = readFileSync(SOURCE_URL, 'utf8');
  return JSON.stringify({
    language: 'Solidity',
    sources: { [SOURCE_KEY]: { content } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'prague',
      metadata: { bytecodeHash: 'ipfs', appendCBOR: true },
      outputSelection: { [SOURCE_KEY]: { TestToken: ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  });
}

interface SolcOutput {
  errors?: { severity: 'error' | 'warning' | 'info'; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
}

/** Compiles src/sol/TestToken.sol with solc-js (the `solc` npm package). Takes about a second, mostly loading the compiler. */
export function compileTestToken(): CompiledContract {
  // solc is a CommonJS dev dependency; it is only loaded when someone actually compiles.
  const solc = createRequire(import.meta.url)('solc') as { version(): string; compile(input: string): string };
  const solcVersion = solc.version();
  if (!solcVersion.startsWith(`${SOLC_VERSION}+`)) {
    throw new Error(`TestToken must be compiled with solc ${SOLC_VERSION}, but the installed solc-js is ${solcVersion}.`);
  }
  const output = JSON.parse(solc.compile(testTokenStandardJson())) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`solc ${solcVersion} failed to compile ${SOURCE_KEY}:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  }
  const contract = output.contracts?.[SOURCE_KEY]?.['TestToken'];
  if (!contract) throw new Error(`solc ${solcVersion} produced no TestToken contract for ${SOURCE_KEY}.`);
  return {
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object}`,
    deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
    solcVersion,
  };
}
