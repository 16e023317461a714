import { type Address, encodePacked, getAddress, keccak256, zeroAddress } from 'viem';

/** Ether deposited through the EtherPortal is booked under this reserved token id. */
export const ETHER_TOKEN: Address = zeroAddress;

/** Sorts two token addresses the Uniswap V2 way (numerically, as uint160). */
export function sortTokens(tokenA: Address, tokenB: Address): readonly [Address, Address] {
  return BigInt(tokenA) < BigInt(tokenB) ? [getAddress(tokenA), getAddress(tokenB)] : [getAddress(tokenB), getAddress(tokenA)];
}

/**
 * The LP token of a pair is a streamable token inside the app with this deterministic id.
 * It has no L1 contract behind it, so it can never be withdrawn.
 */
export function lpTokenAddress(tokenA: Address, tokenB: Address): Address {
  const [token0, token1] = sortTokens(tokenA, tokenB);
  const hash = keccak256(encodePacked(['string', 'address', 'address'], ['streamswap-lp', token0, token1]));
  return getAddress(`0x${hash.slice(-40)}`);
}
