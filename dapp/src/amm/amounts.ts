import { AppError, MAX_UINT256, poolUnitsToWeiCeil } from '@streamswap/protocol';

/** Whole wei, rounded up, of an amount in 2^-64 wei. */
export function ceilWei(x64: bigint): bigint {
  return poolUnitsToWeiCeil(x64);
}

/** Every value must be a uint256 (VALUE_OUT_OF_RANGE otherwise). */
export function checkAmounts(values: Record<string, bigint>): void {
  for (const [name, v] of Object.entries(values)) {
    if (v < 0n || v > MAX_UINT256) throw new AppError('VALUE_OUT_OF_RANGE', `${name} = ${v} is not a uint256.`);
  }
}
