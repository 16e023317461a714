import { dappAbi } from '@streamswap/protocol';
import { encodeFunctionData, parseUnits, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { inputLabel } from './inputLabel.js';

const USD = '0x00000000000000000000000000000000000000aa' as Address;
const CTSI = '0x00000000000000000000000000000000000000bb' as Address;
const namer = (a: Address) => (a.toLowerCase() === USD ? { symbol: 'tUSD', decimals: 6 } : { symbol: 'tCTSI', decimals: 18 });

describe('inputLabel', () => {
  it('words a DCA order and an instant swap from their payloads', () => {
    const dca = encodeFunctionData({ abi: dappAbi, functionName: 'swap', args: [USD, CTSI, parseUnits('500', 6), 0n, 0n, 1_800n] });
    expect(inputLabel(dca, namer, 1n)).toMatch(/^DCA 500 tUSD over /);
    const swap = encodeFunctionData({ abi: dappAbi, functionName: 'swap', args: [CTSI, USD, parseUnits('2', 18), 0n, 0n, 0n] });
    expect(inputLabel(swap, namer, 1n)).toBe('Swap 2 tCTSI');
  });

  it('falls back to the input index for payloads the app does not know', () => {
    expect(inputLabel('0xdeadbeef', namer, 9n)).toBe('Input #9');
    expect(inputLabel(null, namer, 9n)).toBe('Input #9');
  });
});
