import { StreamSwapApp, openDatabase } from '@streamswap/dapp';
import { CARTESI_V2_2_ADDRESSES, dappAbi } from '@streamswap/protocol';
import { type Address, type Hex, concatHex, encodeFunctionData, getAddress, numberToHex } from 'viem';
import type { NodeInput, NodeOutput, RpcCall } from '../src/node/nodeRpc.js';
import { encodeOutputs } from '../src/replica/encodeOutputs.js';
import { evmAdvanceAbi } from '../src/replica/evmAdvance.js';

/**
 * A recorded history: `count` inputs run once through the back-end's StreamSwapApp (what the node's back-end does),
 * kept as the node's JSON-RPC would list them (inputs with raw_data and status, outputs by global index). A mix of
 * deposits, transfers, streams and their cancels, liquidity, instant swaps, streamed orders and rejected inputs.
 */
export function recordHistory(count: number, application: Address): { inputs: NodeInput[]; outputs: NodeOutput[]; digest: Hex } {
  const app = new StreamSwapApp(openDatabase(':memory:'));
  const accounts = Array.from({ length: 64 }, (_, i) => getAddress(`0x${(0xa11ce000 + i).toString(16).padStart(40, '0')}`));
  const [tokenA, tokenB] = [getAddress('0x5fbdb2315678afecb367f032d93f642f64180aa3'), getAddress('0xe7f1725e7734ce288f8367e1bb143e90bb3f0512')];
  const call = (functionName: string, args: unknown[]): Hex => encodeFunctionData({ abi: dappAbi, functionName, args } as never);
  const deposit = (token: Address, account: Address, amount: bigint): [Address, Hex] => [
    CARTESI_V2_2_ADDRESSES.erc20Portal,
    concatHex([token, account, numberToHex(amount, { size: 32 })]),
  ];
  const E18 = 10n ** 18n;
  const inputs: NodeInput[] = [];
  const outputs: NodeOutput[] = [];
  let t = 1_800_000_000n;
  let streamsOpened = 0;
  for (let index = 0; index < count; index++) {
    t += BigInt(1 + (index % 7));
    const a = accounts[index % accounts.length]!;
    const b = accounts[(index * 7 + 3) % accounts.length]!;
    let sender: Address = a;
    let payload: Hex;
    if (index < 2 * accounts.length) {
      [sender, payload] = deposit(index % 2 === 0 ? tokenA : tokenB, accounts[index >> 1]!, 1_000_000n * E18);
    } else if (index === 2 * accounts.length) {
      payload = call('addLiquidity', [tokenA, tokenB, 100_000n * E18, 200_000n * E18, 0n, 0n]);
    } else {
      switch (index % 10) {
        case 0:
        case 1:
          payload = call('transfer', [index % 2 ? tokenA : tokenB, b, E18 + BigInt(index)]);
          break;
        case 2:
        case 3:
          payload = call('stream', [tokenA, b, 100n * E18, 0n, 3_600n]);
          streamsOpened += 1;
          break;
        case 4:
          payload = call('cancelStream', [BigInt(Math.max(1, streamsOpened - 3))]);
          break;
        case 5:
          payload = call('swap', [tokenA, tokenB, 10n * E18, 0n, 0n, 0n]);
          break;
        case 6:
          payload = call('swap', [tokenB, tokenA, 50n * E18, 0n, 0n, 1_800n]);
          break;
        case 7:
          payload = call('withdraw', [tokenB, 10n ** 40n]); // rejected: more than available
          break;
        case 8:
          payload = call('withdraw', [tokenA, E18]);
          break;
        default:
          payload = '0xdeadbeef'; // rejected: unknown selector
      }
    }
    let status = 'ACCEPTED';
    try {
      for (const raw of encodeOutputs(app.advance({ sender, timestamp: t, index: BigInt(index) }, payload))) {
        outputs.push({ index: numberToHex(outputs.length), input_index: numberToHex(index), raw_data: raw });
      }
    } catch {
      status = 'REJECTED';
    }
    const raw = encodeFunctionData({
      abi: evmAdvanceAbi,
      functionName: 'EvmAdvance',
      args: [31337n, application, sender, BigInt(index + 10), t, 0n, BigInt(index), payload],
    });
    inputs.push({ index: numberToHex(index), status, raw_data: raw });
  }
  const digest = app.digest();
  app.db.close();
  return { inputs, outputs, digest };
}

/** Serves a recording as the node's JSON-RPC would (pages as JSON text parsed again, as off the wire). */
export function recordedRpc(recording: { inputs: NodeInput[]; outputs: NodeOutput[] }): RpcCall {
  const page = <T>(list: T[], params: Record<string, unknown>) => {
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(Number(params.limit ?? 50), 10_000);
    return JSON.parse(JSON.stringify({ data: list.slice(offset, offset + limit), pagination: { total_count: list.length, limit, offset } }));
  };
  return async (method, params) => {
    switch (method) {
      case 'cartesi_getProcessedInputCount':
        return { data: numberToHex(recording.inputs.length) };
      case 'cartesi_listInputs':
        return page(recording.inputs, params);
      case 'cartesi_listOutputs':
        return page(recording.outputs, params);
      case 'cartesi_getInput':
        return { data: recording.inputs[Number(BigInt(params.input_index as string))] };
      default:
        throw new Error(`the recording does not answer ${method}`);
    }
  };
}
