import type { AdvanceResult } from '@streamswap/dapp';
import { type Hex, encodeFunctionData, parseAbi, stringToHex } from 'viem';

/** Outputs.sol (rollups-contracts v2.2.0): what the machine emits for POST /notice and POST /voucher. */
const outputsAbi = parseAbi(['function Notice(bytes payload)', 'function Voucher(address destination, uint256 value, bytes payload)']);

/**
 * The outputs a back-end run of StreamSwapApp emits for an accepted input, byte for byte as the node stores them
 * (`raw_data`): the back-end's loop posts each notice as the UTF-8 JSON of the notice, then each voucher
 * (dapp/src/rollup/handleRequest.ts), in that order.
 */
export function encodeOutputs(result: AdvanceResult): Hex[] {
  return [
    ...result.notices.map((notice) => encodeFunctionData({ abi: outputsAbi, functionName: 'Notice', args: [stringToHex(JSON.stringify(notice))] })),
    ...result.vouchers.map((v) => encodeFunctionData({ abi: outputsAbi, functionName: 'Voucher', args: [v.destination, v.value, v.payload] })),
  ];
}
