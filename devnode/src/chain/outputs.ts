import { decodeFunctionData, encodeFunctionData, keccak256, slice, type Address, type Hex } from 'viem';
import { outputsAbi } from './abis.js';
import type { NewOutput } from '../store/NodeStore.js';

export const NOTICE_SELECTOR = '0xc258d6e5';
export const VOUCHER_SELECTOR = '0x237a816f';
export const DELEGATE_CALL_VOUCHER_SELECTOR = '0x10321e8b';

/** Builds the output exactly as the machine would emit it (Outputs.sol calldata encoding, reference §4). */
export function makeOutput(kind: 'Notice', payload: Hex): NewOutput;
export function makeOutput(kind: 'Voucher', payload: Hex, destination: Address, value: bigint): NewOutput;
export function makeOutput(kind: 'DelegateCallVoucher', payload: Hex, destination: Address): NewOutput;
export function makeOutput(kind: 'Notice' | 'Voucher' | 'DelegateCallVoucher', payload: Hex, destination?: Address, value?: bigint): NewOutput {
  const rawData =
    kind === 'Notice'
      ? encodeFunctionData({ abi: outputsAbi, functionName: 'Notice', args: [payload] })
      : kind === 'Voucher'
        ? encodeFunctionData({ abi: outputsAbi, functionName: 'Voucher', args: [destination!, value!, payload] })
        : encodeFunctionData({ abi: outputsAbi, functionName: 'DelegateCallVoucher', args: [destination!, payload] });
  return {
    rawData,
    leaf: keccak256(rawData),
    selector: slice(rawData, 0, 4),
    destination: destination ? (destination.toLowerCase() as Hex) : null,
  };
}

/** The JSON-RPC `decoded_data` of an output. */
export function decodeOutput(rawData: Hex): Record<string, string> | null {
  try {
    const { functionName, args } = decodeFunctionData({ abi: outputsAbi, data: rawData });
    switch (functionName) {
      case 'Notice':
        return { type: 'Notice', payload: args[0] };
      case 'Voucher':
        return { type: 'Voucher', destination: args[0], value: `0x${args[1].toString(16)}`, payload: args[2] };
      case 'DelegateCallVoucher':
        return { type: 'DelegateCallVoucher', destination: args[0], payload: args[1] };
    }
  } catch {
    return null;
  }
}
