import { ETHER_TOKEN } from '@streamswap/protocol';
import { type Address, type Hex, encodeFunctionData, erc20Abi, isAddressEqual } from 'viem';

export interface Voucher {
  destination: Address;
  value: bigint;
  payload: Hex;
}

/** The voucher that pays a withdrawal on L1: ERC20.transfer(account, amount), or an Ether transfer with `value`. */
export function withdrawalVoucher(token: Address, account: Address, amount: bigint): Voucher {
  if (isAddressEqual(token, ETHER_TOKEN)) {
    return { destination: account, value: amount, payload: '0x' };
  }
  return {
    destination: token,
    value: 0n,
    payload: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [account, amount] }),
  };
}
