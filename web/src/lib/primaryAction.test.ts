import { describe, expect, it } from 'vitest';
import { checkAmount } from './amountField.js';
import { primaryAction, type PrimaryActionInput } from './primaryAction.js';

const ready: PrimaryActionInput = {
  connected: true,
  wrongChain: false,
  chainName: 'Anvil',
  amount: checkAmount('10', 6, 20_000_000n),
  symbol: 'tUSD',
  allowance: 100_000_000n,
  submitLabel: 'Deposit tUSD',
};

describe('primaryAction walks the blockers in order', () => {
  it('asks to connect first', () => {
    expect(primaryAction({ ...ready, connected: false, wrongChain: true }).label).toBe('Connect wallet');
  });
  it('then to switch network', () => {
    expect(primaryAction({ ...ready, wrongChain: true })).toMatchObject({ kind: 'switch', label: 'Switch to Anvil' });
  });
  it('then for an amount', () => {
    expect(primaryAction({ ...ready, amount: checkAmount('', 6, 1n) })).toMatchObject({ label: 'Enter an amount', disabled: true });
  });
  it('then for enough funds', () => {
    expect(primaryAction({ ...ready, amount: checkAmount('30', 6, 20_000_000n) }).label).toBe('Insufficient tUSD');
  });
  it('then for an approval when the allowance is short', () => {
    expect(primaryAction({ ...ready, allowance: 1n })).toMatchObject({ kind: 'approve', label: 'Approve tUSD' });
  });
  it('and finally offers the action itself', () => {
    expect(primaryAction(ready)).toMatchObject({ kind: 'submit', label: 'Deposit tUSD', disabled: false });
  });
  it('blocks on other form errors and names them on the button', () => {
    expect(primaryAction({ ...ready, formError: "You can't stream to yourself" })).toMatchObject({ disabled: true, label: "You can't stream to yourself" });
  });
});

describe('checkAmount', () => {
  it('reports too many decimals with the token decimals', () => {
    expect(checkAmount('1.1234567', 6, undefined)).toEqual({ state: 'invalid', message: 'At most 6 decimals' });
  });
  it('accepts exactly the limit', () => {
    expect(checkAmount('20', 6, 20_000_000n)).toEqual({ state: 'ok', value: 20_000_000n });
  });
});
