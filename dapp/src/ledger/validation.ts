import type { Address } from 'viem';
import { AppError, MAX_UINT256 } from '@streamswap/protocol';
import { encodeAddress } from './codec.js';

/** Argument checks shared by the ledger's operations: they run before anything is written. */
export function requirePositive(amount: bigint, what: string): void {
  if (typeof amount !== 'bigint' || amount <= 0n) {
    throw new AppError('INVALID_AMOUNT', `The ${what} amount must be positive, got ${String(amount)}.`);
  }
  if (amount > MAX_UINT256) throw new AppError('VALUE_OUT_OF_RANGE', `The ${what} amount ${amount} exceeds 2^256 - 1.`);
}

/** Composition primitives accept 0 as a no-op; returns whether there is anything to do. */
export function requireNonNegative(amount: bigint, what: string): boolean {
  if (typeof amount !== 'bigint' || amount < 0n) {
    throw new AppError('INVALID_AMOUNT', `The ${what} amount must not be negative, got ${String(amount)}.`);
  }
  return amount > 0n;
}

export function requireDistinct(from: Address, to: Address): void {
  if (Buffer.compare(encodeAddress(from), encodeAddress(to)) === 0) {
    throw new AppError('SELF_TRANSFER', `The sender and the receiver are the same account ${from}.`);
  }
}

export function insufficient(token: Address, account: Address, available: bigint, amount: bigint, what = 'operation'): AppError {
  return new AppError(
    'INSUFFICIENT_AVAILABLE',
    `The ${what} needs ${amount} of token ${token} but account ${account} has only ${available} available.`,
  );
}
