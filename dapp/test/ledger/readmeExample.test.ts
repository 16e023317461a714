import { describe, expect, it } from 'vitest';
import { AppError } from '@streamswap/protocol';
import { Ledger, openDatabase, stateDigest } from '../../src/index.js';

describe('the README example', () => {
  it('does what the README says', () => {
    const db = openDatabase(':memory:');
    const ledger = new Ledger(db);
    const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
    const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const bob = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
    ledger.deposit(token, alice, 1_000n, 1_700_000_000n);
    const id = ledger.openStream(token, alice, bob, 600n, 0n, 60n, 1_700_000_000n);
    expect(ledger.balanceOf(token, bob, 1_700_000_030n)).toEqual({
      balance: 300n,
      available: 300n,
      locked: 0n,
      rateX64: 10n << 64n,
      availableRateX64: 10n << 64n,
      validUntil: 1_700_000_060n,
    });
    expect(ledger.balanceOf(token, alice, 1_700_000_030n)).toMatchObject({ balance: 700n, available: 400n, locked: 300n, rateX64: -(10n << 64n) });
    expect(() => ledger.withdraw(token, alice, 1_000n, 1_700_000_030n)).toThrow(AppError);
    expect(ledger.cancelStream(id, alice, 1_700_000_045n)).toEqual({ streamed: 450n, refunded: 150n });
    expect(stateDigest(db)).toMatch(/^0x[0-9a-f]{64}$/);
  });
});
