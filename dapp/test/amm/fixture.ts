import { getAddress, type Address } from 'viem';
import { AppError } from '@streamswap/protocol';
import { Amm } from '../../src/amm/Amm.js';
import { Ledger } from '../../src/ledger/Ledger.js';
import { openDatabase } from '../../src/storage/openDatabase.js';

/** Tokens chosen so that TKA < TKB numerically (token0 = TKA) and TKZ sorts before both. */
export const TKA = getAddress('0x1000000000000000000000000000000000000001');
export const TKB = getAddress('0x2000000000000000000000000000000000000002');
export const TKZ = getAddress('0x0000000000000000000000000000000000000abc');
export const ALICE = getAddress('0xa11ce00000000000000000000000000000000001');
export const BOB = getAddress('0xb0b0000000000000000000000000000000000002');
export const CAROL = getAddress('0xca20100000000000000000000000000000000003');

export const E18 = 10n ** 18n;
export const X64 = 1n << 64n;

export function setup() {
  const db = openDatabase(':memory:');
  const ledger = new Ledger(db);
  const amm = new Amm(db, ledger);
  return { db, ledger, amm };
}

export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return undefined;
}

/** The ledger's own part of a balance (without what the AMM extension adds). */
export function ownBalance(ledger: Ledger, amm: Amm, token: Address, account: Address, t: bigint): bigint {
  const b = ledger.balanceOf(token, account, t);
  const v = amm.view(token, account, t);
  return b.balance - v.owed - v.locked;
}
