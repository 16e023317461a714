import { createCartesiPublicClient } from '@cartesi/viem';
import { createPublicClient, createWalletClient, http, parseEventLogs, type Address, type Hash, type Hex } from 'viem';
import { anvil } from 'viem/chains';
import { mnemonicToAccount } from 'viem/accounts';
import { erc20PortalAbi, inputBoxAbi, testTokenAbi } from '@streamswap/contracts/abis';
import { dappAbi } from '@streamswap/protocol';
import type { StackInfo } from './stack/stackInfo.js';

/** anvil's default mnemonic: its accounts are unlocked on the node, and the web's development accounts are the same ones. */
const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';
export const devAddress = (index: number): Address => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index }).address;

/** Read and write the chain and the node directly, to set flows up and to check what the page shows. */
export function chainTools(stack: StackInfo) {
  const chain = { ...anvil, id: stack.addressBook.chainId };
  const publicClient = createPublicClient({ chain, transport: http(stack.chain), pollingInterval: 50 });
  const cartesi = createCartesiPublicClient({ transport: http(stack.rpc), pollingInterval: 100 });
  const book = stack.addressBook;

  const rpc = (method: string, params: unknown[] = []) => publicClient.request({ method, params } as never) as Promise<unknown>;
  const walletOf = (index: number) => createWalletClient({ chain, transport: http(stack.chain), account: devAddress(index) });

  const receipt = (hash: Hash) => publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });

  /** Waits until the node processed input `index` and returns its status (ACCEPTED, REJECTED...). */
  const waitForInput = async (index: bigint) => (await cartesi.waitForInput({ application: book.application, inputIndex: index })).status;

  const inputIndexOf = async (hash: Hash): Promise<bigint> => {
    const r = await receipt(hash);
    const added = parseEventLogs({ abi: inputBoxAbi, eventName: 'InputAdded', logs: r.logs })[0];
    if (!added) throw new Error(`Transaction ${hash} added no input.`);
    return added.args.index;
  };

  const tools = {
    publicClient,
    cartesi,
    book,
    /** Latest block timestamp: the chain's "now". */
    chainNow: async () => (await publicClient.getBlock({ blockTag: 'latest' })).timestamp,
    /** Mines an empty block now and returns its timestamp (the chain's now, even after an idle spell without blocks). */
    mineNow: async () => {
      await rpc('evm_mine');
      return (await publicClient.getBlock({ blockTag: 'latest' })).timestamp;
    },
    /** Moves chain time forward and mines a block at the new time. */
    advanceTime: async (seconds: number) => {
      await rpc('evm_increaseTime', [seconds]);
      await rpc('evm_mine');
    },
    l1Balance: (token: Address, account: Address) => publicClient.readContract({ address: token, abi: testTokenAbi, functionName: 'balanceOf', args: [account] }),
    /** The app's view through the node's inspect route (`at` defaults, as inspect does, to the last processed input). */
    inspect: async <T = any>(route: string): Promise<T> => {
      const res = await fetch(stack.inspect, { method: 'POST', body: route });
      const body = (await res.json()) as { status: string; reports: { payload: Hex }[] };
      const report = body.reports[0];
      if (!report) throw new Error(`inspect ${route}: no report (status ${body.status}).`);
      return JSON.parse(Buffer.from(report.payload.slice(2), 'hex').toString('utf8')) as T;
    },
    waitForInput,
    /** Sends one of the app's calls through the InputBox from dev account `index` and waits until it is processed. */
    sendDappInput: async (index: number, call: { functionName: string; args: readonly unknown[] }) => {
      const { encodeFunctionData } = await import('viem');
      const payload = encodeFunctionData({ abi: dappAbi, ...call } as never);
      const hash = await walletOf(index).writeContract({ address: book.inputBox, abi: inputBoxAbi, functionName: 'addInput', args: [book.application, payload] });
      const status = await waitForInput(await inputIndexOf(hash));
      if (status !== 'ACCEPTED') throw new Error(`${call.functionName} from dev account ${index} was ${status}.`);
    },
    /** Mints `amount` of a test token to dev account `index` and deposits it into the app through the ERC-20 portal. */
    fundInApp: async (index: number, token: Address, amount: bigint) => {
      const wallet = walletOf(index);
      const account = devAddress(index);
      await receipt(await wallet.writeContract({ address: token, abi: testTokenAbi, functionName: 'mint', args: [account, amount] }));
      await receipt(await wallet.writeContract({ address: token, abi: testTokenAbi, functionName: 'approve', args: [book.erc20Portal, amount] }));
      const hash = await wallet.writeContract({ address: book.erc20Portal, abi: erc20PortalAbi, functionName: 'depositERC20Tokens', args: [token, book.application, amount, '0x'] });
      const status = await waitForInput(await inputIndexOf(hash));
      if (status !== 'ACCEPTED') throw new Error(`Deposit of ${amount} ${token} for dev account ${index} was ${status}.`);
    },
  };
  return tools;
}

export type ChainTools = ReturnType<typeof chainTools>;
