import { describe, expect, it } from 'vitest';
import { encodeFunctionData, erc20Abi } from 'viem';
import { decodeWithdrawal } from './voucherPayload.js';

const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const me = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('decodeWithdrawal', () => {
  it('reads an ERC-20 transfer voucher', () => {
    const payload = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [me, 5n] });
    expect(decodeWithdrawal(token, 0n, payload)).toEqual({ token, to: me, amount: 5n });
  });
  it('reads an Ether voucher', () => {
    expect(decodeWithdrawal(me, 7n, '0x')).toEqual({ token: null, to: me, amount: 7n });
  });
  it('ignores other calls', () => {
    const approve = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [me, 5n] });
    expect(decodeWithdrawal(token, 0n, approve)).toBeNull();
    expect(decodeWithdrawal(token, 0n, '0x1234')).toBeNull();
  });
});
