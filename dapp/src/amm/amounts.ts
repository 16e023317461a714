import { AppError, MAX_UINT256 } from '@streamswap/protocol';
import { X64 } from './virtualOrders.js';

/** Whole wei, rounded up, of an amount in 2^-64 wei. */
export function ceilWei(x64: bigint): bigint {
  return (x64 + X64 - 1n) >> 64n;
}

/** Every value must be a uint256 (VALUE_OUT_OF_RANGE otherwise). */
export function checkAmounts(values: Record<string, bigint>): void {
  for (const [name, v] of Object.entries(values)) {
    if (v < 0n || v > MAX_UINT256) throw new AppError('VALUE_OUT_OF_RANGE', `${name} = ${v} is not a uint256.`);
  }
}
