// The advance request as the emulator hands it to the machine: the EvmAdvance call (selector 0x415bf363)
// that the InputBox records, with the metadata host mode gets as JSON.
import { type Address, type Hex, encodeFunctionData, parseAbi, toFunctionSelector } from 'viem';
import type { Step } from './corpus.js';

export const CHAIN_ID = 31337n;
export const APP_CONTRACT: Address = '0xab7528bb862fB57E8A2BCd567a2e929a0Be56a5e';

const inputsAbi = parseAbi([
  'function EvmAdvance(uint256 chainId, address appContract, address msgSender, uint256 blockNumber, uint256 blockTimestamp, uint256 prevRandao, uint256 index, bytes payload)',
]);
if (toFunctionSelector(inputsAbi[0]) !== '0x415bf363') throw new Error('EvmAdvance selector mismatch');

export const blockNumberOf = (step: Extract<Step, { kind: 'advance' }>): bigint => 100n + BigInt(step.index);

export function evmAdvance(step: Extract<Step, { kind: 'advance' }>): Hex {
  return encodeFunctionData({
    abi: inputsAbi,
    functionName: 'EvmAdvance',
    args: [CHAIN_ID, APP_CONTRACT, step.sender, blockNumberOf(step), BigInt(step.timestamp), 0n, BigInt(step.index), step.payload],
  });
}
