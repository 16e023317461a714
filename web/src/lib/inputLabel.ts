import { dappAbi } from '@streamswap/protocol';
import { decodeFunctionData, type Address, type Hex } from 'viem';
import { formatAmount, formatDuration, shortAddress } from './format.js';

export type TokenNamer = (token: Address) => { symbol: string; decimals: number };

/**
 * Words for an input known only to the node (sent from another browser or a script): its payload
 * decoded with the app's ABI, like the labels this browser writes for its own inputs.
 */
export function inputLabel(payload: Hex | null | undefined, token: TokenNamer, inputIndex: bigint): string {
  if (!payload) return `Input #${inputIndex}`;
  let call;
  try {
    call = decodeFunctionData({ abi: dappAbi, data: payload });
  } catch {
    return `Input #${inputIndex}`;
  }
  const amount = (t: Address, v: bigint) => `${formatAmount(v, token(t).decimals)} ${token(t).symbol}`;
  switch (call.functionName) {
    case 'transfer':
      return `Send ${amount(call.args[0], call.args[2])} to ${shortAddress(call.args[1])}`;
    case 'stream':
      return `Stream ${amount(call.args[0], call.args[2])} to ${shortAddress(call.args[1])}`;
    case 'cancelStream':
      return `Cancel stream #${call.args[0]}`;
    case 'withdraw':
      return `Withdraw ${amount(call.args[0], call.args[1])}`;
    case 'addLiquidity':
      return `Add ${amount(call.args[0], call.args[2])} + ${amount(call.args[1], call.args[3])}`;
    case 'removeLiquidity':
      return `Remove ${token(call.args[0]).symbol}/${token(call.args[1]).symbol} liquidity`;
    case 'swap':
    case 'swapWithLimit':
      return call.args[5] === 0n ? `Swap ${amount(call.args[0], call.args[2])}` : `DCA ${amount(call.args[0], call.args[2])} over ${formatDuration(call.args[5])}`;
    case 'cancelSwap':
      return `Cancel order #${call.args[0]}`;
  }
}
