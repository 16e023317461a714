import { concatHex, encodeAbiParameters, zeroHash, type Address, type Hex } from 'viem';
import type { TokenInfo } from '@streamswap/protocol';
import { testTokenBytecode } from '../generated/testTokenBytecode.js';
import { create2Address } from './create2.js';

export interface TestTokenSpec {
  name: string;
  symbol: string;
  decimals: number;
}

/** The two tokens of the local chain (INTERFACES.md §5), in address-book order. */
export const TEST_TOKENS: readonly TestTokenSpec[] = [
  { name: 'Test Cartesi', symbol: 'tCTSI', decimals: 18 },
  { name: 'Test USD', symbol: 'tUSD', decimals: 6 },
];

/** Creation code of TestToken with its constructor arguments appended. */
export function testTokenInitCode(spec: TestTokenSpec): Hex {
  const args = encodeAbiParameters(
    [{ type: 'string' }, { type: 'string' }, { type: 'uint8' }],
    [spec.name, spec.symbol, spec.decimals],
  );
  return concatHex([testTokenBytecode, args]);
}

/**
 * Test tokens are deployed through the CREATE2 deployer too (salt 0), so their addresses are the same on every fresh
 * chain and a second deployment is a no-op. They change only if TestToken.sol or its compiler settings change.
 */
export function testTokenAddress(spec: TestTokenSpec, salt: Hex = zeroHash): Address {
  return create2Address(testTokenInitCode(spec), salt);
}

export function testTokenInfos(): TokenInfo[] {
  return TEST_TOKENS.map((spec) => ({ address: testTokenAddress(spec), ...spec }));
}
