import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  http,
  type Address,
  type Chain,
  type Hex,
} from 'viem';
import { anvil } from 'viem/chains';
import type { AddressBook } from '@streamswap/protocol';
import { anvilAccount, deployStack, startAnvil, type AnvilInstance } from '@streamswap/contracts';
import { applicationAbi, authorityAbi, outputsAbi, testTokenAbi } from '@streamswap/contracts/abis';
import { OutputsMerkleTree } from '../../src/merkle/index.js';

/**
 * The tree against the real v2.2.0 Application and Authority: what the node computes must be what executeOutput accepts.
 */
const EPOCH_LENGTH = 4;
let node: AnvilInstance;
let book: AddressBook;
let token: Address;
const recipient = anvilAccount(5).address;
const chain: Chain = { ...anvil, id: 31337 };
let pub: ReturnType<typeof createPublicClient>;
let wallet: ReturnType<typeof createWalletClient<ReturnType<typeof http>, Chain, ReturnType<typeof anvilAccount>>>;
let testClient: ReturnType<typeof createTestClient>;
const tree = new OutputsMerkleTree();

beforeAll(async () => {
  node = await startAnvil({ port: 0 });
  book = await deployStack({ rpcUrl: node.rpcUrl, epochLength: EPOCH_LENGTH });
  token = book.tokens[1]!.address;
  const transport = http(node.rpcUrl);
  pub = createPublicClient({ chain, transport, pollingInterval: 50 });
  wallet = createWalletClient({ chain, transport, account: anvilAccount(0), pollingInterval: 50 });
  testClient = createTestClient({ chain, transport, mode: 'anvil' });
  // The Application holds the tokens its vouchers pay out (as after ERC20Portal deposits).
  await send({ address: token, abi: testTokenAbi, functionName: 'mint', args: [book.application, 1_000n] });
});
afterAll(async () => node?.stop());

async function send(request: { address: Address; abi: readonly unknown[]; functionName: string; args: readonly unknown[] }) {
  const hash = await wallet.writeContract(request as never);
  const receipt = await pub.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
  return receipt;
}

const voucher = (to: Address, amount: bigint): Hex =>
  encodeFunctionData({
    abi: outputsAbi,
    functionName: 'Voucher',
    args: [token, 0n, encodeFunctionData({ abi: testTokenAbi, functionName: 'transfer', args: [to, amount] })],
  });
const notice = (payload: Hex): Hex => encodeFunctionData({ abi: outputsAbi, functionName: 'Notice', args: [payload] });

/** Mines past the current epoch and claims the tree as of its current size, as the node's claimer does. */
async function claimCurrentEpoch(): Promise<bigint> {
  const current = await pub.getBlockNumber({ cacheTime: 0 });
  const lastBlockOfEpoch = (current / BigInt(EPOCH_LENGTH)) * BigInt(EPOCH_LENGTH) + BigInt(EPOCH_LENGTH - 1);
  await testClient.mine({ blocks: Number(lastBlockOfEpoch - current) + 1 });
  await send({ address: book.authority, abi: authorityAbi, functionName: 'submitClaim', args: [book.application, lastBlockOfEpoch, tree.root()] });
  expect(await pub.readContract({ address: book.authority, abi: authorityAbi, functionName: 'isOutputsMerkleRootValid', args: [book.application, tree.root()] })).toBe(true);
  return tree.size;
}

const proof = (outputIndex: bigint, leafCount: bigint, siblingsOf = outputIndex) => ({ outputIndex, outputHashesSiblings: tree.siblings(siblingsOf, leafCount) });
const balance = (account: Address) => pub.readContract({ address: token, abi: testTokenAbi, functionName: 'balanceOf', args: [account] });

async function executeError(output: Hex, p: ReturnType<typeof proof>): Promise<string | undefined> {
  try {
    await pub.simulateContract({ account: wallet.account, address: book.application, abi: applicationAbi, functionName: 'executeOutput', args: [output, p] });
  } catch (error) {
    const revert = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
    if (revert instanceof ContractFunctionRevertedError) return revert.data?.errorName;
    throw error;
  }
  return undefined;
}

describe('OutputsMerkleTree against the real Application.executeOutput', () => {
  // Built once the token address is known (beforeAll runs after collection).
  let outputs: Record<'notice' | 'pay300' | 'pay200' | 'pay100', Hex>;
  let firstClaimSize = 0n;
  beforeAll(() => {
    outputs = { notice: notice('0x01'), pay300: voucher(recipient, 300n), pay200: voucher(recipient, 200n), pay100: voucher(recipient, 100n) };
  });

  it('encodes vouchers with the v2 Voucher selector 0x237a816f', () => {
    expect(outputs.pay300.slice(0, 10)).toBe('0x237a816f');
  });

  it('executes a voucher proved by its siblings after the claim, and refuses a second execution', async () => {
    expect(tree.appendOutput(outputs.notice)).toBe(0n);
    expect(tree.appendOutput(outputs.pay300)).toBe(1n);
    expect(tree.appendOutput(outputs.pay200)).toBe(2n);
    firstClaimSize = await claimCurrentEpoch();

    const before = await balance(recipient);
    const receipt = await send({ address: book.application, abi: applicationAbi, functionName: 'executeOutput', args: [outputs.pay300, proof(1n, firstClaimSize)] });
    expect(await balance(recipient)).toBe(before + 300n);
    const [executed] = await pub.getContractEvents({ address: book.application, abi: applicationAbi, eventName: 'OutputExecuted', blockHash: receipt.blockHash });
    expect(executed?.args).toEqual({ outputIndex: 1n, output: outputs.pay300 });
    expect(await pub.readContract({ address: book.application, abi: applicationAbi, functionName: 'wasOutputExecuted', args: [1n] })).toBe(true);

    expect(await executeError(outputs.pay300, proof(1n, firstClaimSize))).toBe('OutputNotReexecutable');
  });

  it('refuses a proof against the wrong index with InvalidOutputsMerkleRoot', async () => {
    expect(await executeError(outputs.pay200, proof(0n, firstClaimSize, 2n))).toBe('InvalidOutputsMerkleRoot');
    expect(await executeError(outputs.pay200, proof(1n, firstClaimSize))).toBe('InvalidOutputsMerkleRoot');
    expect(await executeError(outputs.pay200, proof(3n, firstClaimSize, 2n))).toBe('InvalidOutputsMerkleRoot');
  });

  it('validates a notice but does not execute it', async () => {
    await expect(
      pub.readContract({ address: book.application, abi: applicationAbi, functionName: 'validateOutput', args: [outputs.notice, proof(0n, firstClaimSize)] }),
    ).resolves.toBeUndefined();
    expect(await executeError(outputs.notice, proof(0n, firstClaimSize))).toBe('OutputNotExecutable');
  });

  it('keeps proofs made against an earlier claim valid after the tree grows and a later epoch is claimed', async () => {
    expect(tree.appendOutput(outputs.pay100)).toBe(3n);
    const secondClaimSize = await claimCurrentEpoch();
    expect(secondClaimSize).toBe(4n);
    // The tree as of the first claim (later leaves counted as zero) differs from now, and both roots are accepted.
    expect(tree.siblings(2n, firstClaimSize)).not.toEqual(tree.siblings(2n, secondClaimSize));
    expect(await executeError(outputs.pay100, proof(3n, secondClaimSize))).toBeUndefined();
    const before = await balance(recipient);
    await send({ address: book.application, abi: applicationAbi, functionName: 'executeOutput', args: [outputs.pay200, proof(2n, firstClaimSize)] });
    await send({ address: book.application, abi: applicationAbi, functionName: 'executeOutput', args: [outputs.pay100, proof(3n, secondClaimSize)] });
    expect(await balance(recipient)).toBe(before + 300n);
    expect(await balance(book.application)).toBe(1_000n - 600n);
  });

  it('rebuilds the same tree from its stored leaves', () => {
    const rebuilt = OutputsMerkleTree.fromLeaves(Array.from({ length: Number(tree.size) }, (_, i) => tree.leaf(i)));
    expect(rebuilt.root()).toBe(tree.root());
    expect(rebuilt.siblings(2n, 3n)).toEqual(tree.siblings(2n, 3n));
  });
});
