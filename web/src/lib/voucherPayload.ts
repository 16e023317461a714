import { decodeFunctionData, erc20Abi, getAddress, type Address, type Hex } from 'viem';

export interface Withdrawal {
  token: Address | null;
  to: Address;
  amount: bigint;
}

/**
 * What a voucher pays, if it is one of the app's withdrawals: an ERC-20 `transfer(to, amount)` called
 * on the token, or Ether sent to the account (value, empty payload). Anything else is not ours to list.
 */
export function decodeWithdrawal(destination: Address, value: bigint, payload: Hex): Withdrawal | null {
  if (payload === '0x' && value > 0n) return { token: null, to: getAddress(destination), amount: value };
  try {
    const call = decodeFunctionData({ abi: erc20Abi, data: payload });
    if (call.functionName !== 'transfer') return null;
    const [to, amount] = call.args;
    return { token: getAddress(destination), to: getAddress(to), amount };
  } catch {
    return null;
  }
}
