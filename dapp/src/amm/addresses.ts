import type { Address } from 'viem';
import { getAddress } from 'viem';
import { lpTokenAddress, sortTokens } from '@streamswap/protocol';

/*
 * Memoized address helpers: checksumming and the LP id hash with keccak, and every AMM operation needs them.
 * Pure functions of their inputs, so a cache cannot change results (and is bounded).
 */
const MAX_ENTRIES = 100_000;
const checksums = new Map<string, Address>();
const pairs = new Map<string, { token0: Address; token1: Address; lp: Address }>();

/** The EIP-55 form of an address (what the AMM's tables store). */
export function checksum(address: string): Address {
  let a = checksums.get(address);
  if (a === undefined) {
    a = getAddress(address);
    if (checksums.size >= MAX_ENTRIES) checksums.clear();
    checksums.set(address, a);
  }
  return a;
}

/** Sorted tokens and LP token of a pair. */
export function pairTokens(tokenA: Address, tokenB: Address): { token0: Address; token1: Address; lp: Address } {
  const key = `${tokenA}:${tokenB}`;
  let p = pairs.get(key);
  if (p === undefined) {
    const [token0, token1] = sortTokens(tokenA, tokenB);
    p = { token0, token1, lp: lpTokenAddress(token0, token1) };
    if (pairs.size >= MAX_ENTRIES) pairs.clear();
    pairs.set(key, p);
  }
  return p;
}
