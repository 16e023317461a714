import { decodeFunctionData, toHex, type Hex } from 'viem';
import { evmAdvanceAbi } from './abis.js';

export interface EvmAdvance {
  chainId: number;
  appContract: Hex; // lowercase
  msgSender: Hex; // lowercase
  blockNumber: number;
  blockTimestamp: number;
  prevRandao: Hex; // 0x + 64 hex digits
  index: number;
  payload: Hex;
}

/** Decodes the `input` of an InputAdded log: the EvmAdvance call blob (selector 0x415bf363), reference §2. */
export function decodeEvmAdvance(blob: Hex): EvmAdvance {
  const { args } = decodeFunctionData({ abi: evmAdvanceAbi, data: blob });
  const [chainId, appContract, msgSender, blockNumber, blockTimestamp, prevRandao, index, payload] = args;
  return {
    chainId: Number(chainId),
    appContract: appContract.toLowerCase() as Hex,
    msgSender: msgSender.toLowerCase() as Hex,
    blockNumber: Number(blockNumber),
    blockTimestamp: Number(blockTimestamp),
    prevRandao: toHex(prevRandao, { size: 32 }),
    index: Number(index),
    payload,
  };
}
