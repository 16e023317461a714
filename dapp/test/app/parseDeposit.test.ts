import { type Hex, concat, encodePacked, erc20Abi, decodeFunctionData } from 'viem';
import { describe, expect, it } from 'vitest';
import { parseErc20Deposit, parseEtherDeposit } from '../../src/app/parseDeposit.js';
import { withdrawalVoucher } from '../../src/app/withdrawalVoucher.js';

const token = '0x1111111111111111111111111111111111111111';
const alice = '0x2222222222222222222222222222222222222222';

describe('portal deposits', () => {
  it('reads the v2 ERC20Portal packed layout token ‖ sender ‖ value ‖ execLayerData', () => {
    const payload = encodePacked(['address', 'address', 'uint256', 'bytes'], [token, alice, 10n ** 18n, '0xabcd']);
    expect(parseErc20Deposit(payload)).toEqual({ token, sender: alice, amount: 10n ** 18n, execLayerData: '0xabcd' });
  });

  it('reads the v2 EtherPortal packed layout sender ‖ value ‖ execLayerData', () => {
    const payload = encodePacked(['address', 'uint256'], [alice, 5n]);
    expect(parseEtherDeposit(payload)).toEqual({ sender: alice, amount: 5n, execLayerData: '0x' });
  });

  it.each<[string, Hex]>([
    ['an ERC-20 payload one byte short', encodePacked(['address', 'address', 'uint128'], [token, alice, 1n]).slice(0, -2) as Hex],
    ['the v1 layout with a leading success byte cut short', concat(['0x01', encodePacked(['address', 'address'], [token, alice])])],
  ])('rejects %s with INVALID_DEPOSIT', (_name, payload) => {
    expect(() => parseErc20Deposit(payload)).toThrow(expect.objectContaining({ code: 'INVALID_DEPOSIT' }));
  });
});

describe('withdrawal vouchers', () => {
  it('pays an ERC-20 withdrawal with token.transfer(account, amount) and no value', () => {
    const voucher = withdrawalVoucher(token, alice, 42n);
    expect(voucher.destination).toBe(token);
    expect(voucher.value).toBe(0n);
    expect(decodeFunctionData({ abi: erc20Abi, data: voucher.payload })).toEqual({ functionName: 'transfer', args: [alice, 42n] });
  });

  it('pays an Ether withdrawal as a call to the account carrying the value', () => {
    expect(withdrawalVoucher('0x0000000000000000000000000000000000000000', alice, 7n)).toEqual({ destination: alice, value: 7n, payload: '0x' });
  });
});
