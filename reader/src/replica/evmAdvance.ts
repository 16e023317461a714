import { type Address, type Hex, decodeFunctionData, getAddress, parseAbi } from 'viem';

/** Inputs.sol (v2.2.0): the blob InputBox stores for every input, which the node returns as `raw_data`. */
export const evmAdvanceAbi = parseAbi([
  'function EvmAdvance(uint256 chainId, address appContract, address msgSender, uint256 blockNumber, uint256 blockTimestamp, uint256 prevRandao, uint256 index, bytes payload)',
]);

export interface AdvanceInput {
  appContract: Address;
  sender: Address;
  timestamp: bigint;
  index: bigint;
  payload: Hex;
}

/** Decodes an input's `raw_data` into what the back-end receives as metadata and payload. */
export function decodeEvmAdvance(raw: Hex): AdvanceInput {
  const { args } = decodeFunctionData({ abi: evmAdvanceAbi, data: raw });
  const [, appContract, msgSender, , blockTimestamp, , index, payload] = args;
  return { appContract: getAddress(appContract), sender: getAddress(msgSender), timestamp: blockTimestamp, index, payload };
}
