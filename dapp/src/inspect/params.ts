import { AppError, MAX_TIME } from '@streamswap/protocol';
import { type Address, getAddress, isAddress } from 'viem';

export function parseAddressParam(name: string, value: string | undefined): Address {
  if (value === undefined || !isAddress(value, { strict: false })) {
    throw new AppError('INVALID_PARAMETER', `The ${name} "${value ?? ''}" is not an address.`);
  }
  return getAddress(value);
}

export function parseUintParam(name: string, value: string | undefined, max: bigint): bigint {
  if (value === undefined || !/^(0|[1-9][0-9]{0,77})$/.test(value) || BigInt(value) > max) {
    throw new AppError('INVALID_PARAMETER', `The ${name} "${value ?? ''}" is not a whole number from 0 to ${max}.`);
  }
  return BigInt(value);
}

export function parseTimeParam(name: string, value: string | null, fallback: bigint): bigint {
  return value === null ? fallback : parseUintParam(name, value, MAX_TIME - 1n);
}

export interface Page {
  limit: number;
  offset: number;
}

export const MAX_PAGE = 500;

export function parsePage(query: URLSearchParams): Page {
  const limit = query.has('limit') ? parseUintParam('limit', query.get('limit') ?? undefined, BigInt(MAX_PAGE)) : 100n;
  const offset = query.has('offset') ? parseUintParam('offset', query.get('offset') ?? undefined, 2n ** 40n) : 0n;
  if (limit === 0n) throw new AppError('INVALID_PARAMETER', 'The limit must be at least 1.');
  return { limit: Number(limit), offset: Number(offset) };
}
