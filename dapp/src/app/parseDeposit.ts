import { AppError } from '@streamswap/protocol';
import { type Address, type Hex, getAddress, hexToBigInt, size, slice } from 'viem';

export interface Erc20Deposit {
  token: Address;
  sender: Address;
  amount: bigint;
  execLayerData: Hex;
}

export interface EtherDeposit {
  sender: Address;
  amount: bigint;
  execLayerData: Hex;
}

/** ERC20Portal v2 payload: abi.encodePacked(token, sender, value, execLayerData), no success byte. */
export function parseErc20Deposit(payload: Hex): Erc20Deposit {
  if (size(payload) < 72) {
    throw new AppError('INVALID_DEPOSIT', `An ERC-20 deposit payload needs at least 72 bytes (token, sender, value); got ${size(payload)}.`);
  }
  return {
    token: getAddress(slice(payload, 0, 20)),
    sender: getAddress(slice(payload, 20, 40)),
    amount: hexToBigInt(slice(payload, 40, 72)),
    execLayerData: size(payload) > 72 ? slice(payload, 72) : '0x',
  };
}

/** EtherPortal v2 payload: abi.encodePacked(sender, value, execLayerData). */
export function parseEtherDeposit(payload: Hex): EtherDeposit {
  if (size(payload) < 52) {
    throw new AppError('INVALID_DEPOSIT', `An Ether deposit payload needs at least 52 bytes (sender, value); got ${size(payload)}.`);
  }
  return {
    sender: getAddress(slice(payload, 0, 20)),
    amount: hexToBigInt(slice(payload, 20, 52)),
    execLayerData: size(payload) > 52 ? slice(payload, 52) : '0x',
  };
}
