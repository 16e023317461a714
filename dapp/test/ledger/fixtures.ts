import type { Address } from 'viem';
import { AppError, type ErrorCode } from '@streamswap/protocol';
import { expect } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import { openDatabase } from '../../src/storage/openDatabase.js';
import type { SqlDatabase } from '../../src/storage/SqlDatabase.js';
import { stateDigest } from '../../src/storage/stateDigest.js';

export const TOKEN: Address = '0x1111111111111111111111111111111111111111';
export const OTHER_TOKEN: Address = '0x2222222222222222222222222222222222222222';
export const ALICE: Address = '0xA11CE00000000000000000000000000000000001'.toLowerCase() as Address;
export const BOB: Address = '0x0000000000000000000000000000000000000B0B';
export const CAROL: Address = '0x00000000000000000000000000000000000CA201';

export function freshLedger(): { db: SqlDatabase; ledger: Ledger } {
  const db = openDatabase(':memory:');
  return { db, ledger: new Ledger(db) };
}

/** Asserts `fn` throws an AppError with `code` and leaves the database exactly as it was. */
export function expectRejected(db: SqlDatabase, code: ErrorCode, fn: () => unknown): void {
  const before = stateDigest(db);
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(AppError);
  expect((thrown as AppError).code).toBe(code);
  expect(stateDigest(db)).toBe(before);
}
