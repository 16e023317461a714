import type { AdvanceResult } from '@streamswap/dapp';
import type { Hex } from 'viem';

/*
 * Outputs.sol (rollups-contracts v2.2.0) calldata, built by position (the replay encodes every output of every
 * input, so this is on the hot path; the test suite holds it to viem's encodeFunctionData):
 *   Notice(bytes payload)                                  0xc258d6e5
 *   Voucher(address destination, uint256 value, bytes payload)  0x237a816f
 */
const word = (value: bigint | number) => value.toString(16).padStart(64, '0');
const tail = (hex: string) => {
  const bytes = hex.length / 2;
  return word(bytes) + hex.padEnd(Math.ceil(bytes / 32) * 64, '0');
};

export function encodeNotice(payloadHex: string): Hex {
  return `0xc258d6e5${word(0x20)}${tail(payloadHex)}`;
}

export function encodeVoucher(destination: string, value: bigint, payload: Hex): Hex {
  return `0x237a816f${destination.slice(2).toLowerCase().padStart(64, '0')}${word(value)}${word(0x60)}${tail(payload.slice(2))}`;
}

/**
 * The outputs a back-end run of StreamSwapApp emits for an accepted input, byte for byte as the node stores them
 * (`raw_data`): the back-end's loop posts each notice as the UTF-8 JSON of the notice, then each voucher
 * (dapp/src/rollup/handleRequest.ts), in that order.
 */
export function encodeOutputs(result: AdvanceResult): Hex[] {
  return [
    ...result.notices.map((notice) => encodeNotice(Buffer.from(JSON.stringify(notice), 'utf8').toString('hex'))),
    ...result.vouchers.map((v) => encodeVoucher(v.destination, v.value, v.payload)),
  ];
}
