import { getAddress, isAddress, isHex } from 'viem';
import { z } from 'zod';

/** An EIP-55 checksummed address; accepts any case on input. */
export const addressSchema = z
  .string()
  .refine((s) => isAddress(s, { strict: false }), 'not an address')
  .transform((s) => getAddress(s));

export const hexSchema = z.string().refine((s) => isHex(s), 'not 0x-hex').transform((s) => s as `0x${string}`);

/** A non-negative integer written as a decimal string (all amounts on the wire). */
export const amountSchema = z.string().regex(/^(0|[1-9][0-9]*)$/, 'not a decimal integer');

/** A signed integer written as a decimal string (net rates can be negative). */
export const signedAmountSchema = z.string().regex(/^-?(0|[1-9][0-9]*)$/, 'not a signed decimal integer');

/** Unix seconds. */
export const timeSchema = z.number().int().nonnegative();
