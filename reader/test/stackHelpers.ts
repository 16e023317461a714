import { anvilAccount, erc20PortalAbi, inputBoxAbi, testTokenAbi } from '@streamswap/contracts';
import { type DevStack, startDevStack } from '@streamswap/devnode';
import { dappAbi } from '@streamswap/protocol';
import { type Address, type Hex, createPublicClient, createWalletClient, decodeEventLog, encodeFunctionData, http } from 'viem';
import { anvil } from 'viem/chains';
import { httpRpc } from '../src/node/nodeRpc.js';

/** The real devnode with the real back-end, on free ports and a temp data dir. */
export function startStack(): Promise<DevStack> {
  return startDevStack({ anvilPort: 0, rollupPort: 0, httpPort: 0, epochLength: 4, backendOutput: 'file' });
}

export const call = (functionName: string, args: unknown[]): Hex => encodeFunctionData({ abi: dappAbi, functionName, args } as never);

export function clients(stack: DevStack, accountIndex: number) {
  const chain = { ...anvil, id: stack.addressBook.chainId };
  const transport = http(stack.urls.anvil);
  return {
    chain: createPublicClient({ chain, transport, pollingInterval: 20 }),
    wallet: createWalletClient({ chain, transport, account: anvilAccount(accountIndex), pollingInterval: 20 }),
  };
}

/** Waits until the node has processed input `index` and returns its status. */
export async function processed(stack: DevStack, index: bigint): Promise<string> {
  const rpc = httpRpc(stack.urls.rpc);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = (await rpc('cartesi_getInput', { application: stack.addressBook.application, input_index: `0x${index.toString(16)}` })) as { data: { status: string } };
      if (r.data.status !== 'NONE') return r.data.status;
    } catch {
      /* not read yet */
    }
    if (Date.now() > deadline) throw new Error(`input ${index} was not processed within 60 s`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

function inputIndexOf(logs: readonly { address: Address; topics: readonly Hex[]; data: Hex }[], inputBox: Address): bigint {
  for (const log of logs) {
    if (log.address.toLowerCase() !== inputBox.toLowerCase()) continue;
    const ev = decodeEventLog({ abi: inputBoxAbi, topics: log.topics as [Hex, ...Hex[]], data: log.data });
    if (ev.eventName === 'InputAdded') return ev.args.index;
  }
  throw new Error('no InputAdded in the receipt');
}

/** Sends one input through the real InputBox and waits until the node processed it. */
export async function send(stack: DevStack, payload: Hex, accountIndex = 1): Promise<{ index: bigint; status: string }> {
  const { chain, wallet } = clients(stack, accountIndex);
  const hash = await wallet.writeContract({ address: stack.addressBook.inputBox, abi: inputBoxAbi, functionName: 'addInput', args: [stack.addressBook.application, payload] });
  const receipt = await chain.waitForTransactionReceipt({ hash });
  const index = inputIndexOf(receipt.logs, stack.addressBook.inputBox);
  return { index, status: await processed(stack, index) };
}

/** Mints, approves and deposits `amount` of `token` through the real ERC20Portal. */
export async function deposit(stack: DevStack, token: Address, amount: bigint, accountIndex = 1): Promise<{ index: bigint; status: string }> {
  const { chain, wallet } = clients(stack, accountIndex);
  const account = anvilAccount(accountIndex).address;
  for (const hash of [
    await wallet.writeContract({ address: token, abi: testTokenAbi, functionName: 'mint', args: [account, amount] }),
    await wallet.writeContract({ address: token, abi: testTokenAbi, functionName: 'approve', args: [stack.addressBook.erc20Portal, amount] }),
  ]) {
    await chain.waitForTransactionReceipt({ hash });
  }
  const hash = await wallet.writeContract({ address: stack.addressBook.erc20Portal, abi: erc20PortalAbi, functionName: 'depositERC20Tokens', args: [token, stack.addressBook.application, amount, '0x'] });
  const receipt = await chain.waitForTransactionReceipt({ hash });
  const index = inputIndexOf(receipt.logs, stack.addressBook.inputBox);
  return { index, status: await processed(stack, index) };
}

/** The node's inspect answer for a route (the JSON of its one report). */
export async function nodeInspect(stack: DevStack, route: string): Promise<string> {
  const res = await fetch(stack.urls.inspect, { method: 'POST', body: route });
  const body = (await res.json()) as { reports: { payload: Hex }[] };
  return Buffer.from(body.reports[0]!.payload.slice(2), 'hex').toString('utf8');
}
