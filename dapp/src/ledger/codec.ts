import type { Address } from 'viem';
import { getAddress } from 'viem';
import { AppError } from '@streamswap/protocol';
import { InvariantViolation } from '../InvariantViolation.js';

/**
 * Compact storage encodings. Amounts (and scaled amounts) are non-negative bigints stored as minimal
 * big-endian BLOBs (0 = empty blob): a typical 18-decimals amount takes 8-9 bytes instead of 32 or a
 * 20-character TEXT. Addresses are 20-byte BLOBs.
 */
export function encodeAmount(value: bigint): Uint8Array {
  if (value < 0n) throw new InvariantViolation(`Refusing to store the negative amount ${value}.`);
  if (value === 0n) return new Uint8Array(0);
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

export function decodeAmount(blob: unknown): bigint {
  if (!(blob instanceof Uint8Array)) throw new InvariantViolation(`Expected an amount BLOB, got ${typeof blob}.`);
  if (blob.length === 0) return 0n;
  return BigInt(`0x${Buffer.from(blob.buffer, blob.byteOffset, blob.length).toString('hex')}`);
}

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

export function encodeAddress(address: Address): Uint8Array {
  if (typeof address !== 'string' || !ADDRESS_RE.test(address)) {
    throw new AppError('INVALID_ADDRESS', `The address ${String(address)} is not 20 bytes of hex.`);
  }
  return Buffer.from(address.slice(2), 'hex');
}

// A pure function cache (bytes -> checksummed text): checksumming hashes, and reads repeat addresses a lot.
const checksumCache = new Map<string, Address>();

export function decodeAddress(blob: unknown): Address {
  if (!(blob instanceof Uint8Array)) throw new InvariantViolation(`Expected an address BLOB, got ${typeof blob}.`);
  const hex = Buffer.from(blob.buffer, blob.byteOffset, blob.length).toString('hex');
  let address = checksumCache.get(hex);
  if (address === undefined) {
    address = getAddress(`0x${hex}`);
    if (checksumCache.size > 100_000) checksumCache.clear();
    checksumCache.set(hex, address);
  }
  return address;
}
