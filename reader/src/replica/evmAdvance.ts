import { type Address, type Hex, getAddress, parseAbi } from 'viem';

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

const SELECTOR = '415bf363';
/** Hex digits: 0x, the selector, 8 head words (7 static fields and the payload's offset), the payload's length word. */
const HEAD = 2 + 8 + 8 * 64;

/**
 * Decodes an input's `raw_data` into what the back-end receives as metadata and payload. The layout is fixed
 * (7 static words, then one `bytes`), so it is read by position, strictly: the selector, the canonical offset 0x100,
 * zero-padded addresses and a length that matches the data; anything else throws.
 */
export function decodeEvmAdvance(raw: Hex): AdvanceInput {
  const word = (i: number) => raw.slice(10 + 64 * i, 10 + 64 * (i + 1));
  const address = (i: number) => {
    const w = word(i);
    if (!/^0{24}[0-9a-fA-F]{40}$/.test(w)) throw new Error(`EvmAdvance word ${i} is not an address`);
    return getAddress(`0x${w.slice(24)}`);
  };
  if (raw.slice(2, 10).toLowerCase() !== SELECTOR || raw.length < HEAD + 64 || !/^0x[0-9a-fA-F]*$/.test(raw)) {
    throw new Error(`raw_data is not an EvmAdvance call (selector 0x${SELECTOR})`);
  }
  if (BigInt(`0x${word(7)}`) !== 0x100n) throw new Error('EvmAdvance payload offset is not 0x100');
  const length = BigInt(`0x${word(8)}`);
  const padded = Number(((length + 31n) / 32n) * 64n);
  if (raw.length !== HEAD + 64 + padded) throw new Error(`EvmAdvance payload length ${length} does not match the data`);
  return {
    appContract: address(1),
    sender: address(2),
    timestamp: BigInt(`0x${word(4)}`),
    index: BigInt(`0x${word(6)}`),
    payload: `0x${raw.slice(HEAD + 64, HEAD + 64 + Number(length) * 2)}`,
  };
}
