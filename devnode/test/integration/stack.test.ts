import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCartesiPublicClient, publicActionsL1, walletActionsL1, type CartesiPublicClient } from '@cartesi/viem';
import {
  BaseError,
  ContractFunctionRevertedError,
  concatHex,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  keccak256,
  numberToHex,
  size,
  slice,
  stringToHex,
  type Address,
  type Hex,
} from 'viem';
import { anvil } from 'viem/chains';
import { anvilAccount, applicationAbi, erc20PortalAbi, inputBoxAbi, testTokenAbi } from '@streamswap/contracts';
import { dappAbi, noticeSchema, type Notice } from '@streamswap/protocol';
import { startDevStack, type DevStack } from '../../src/index.js';

const MAX_UINT256 = 2n ** 256n - 1n;
let stack: DevStack;
let node: CartesiPublicClient;
let app: Address;
let tCTSI: Address;
let tUSD: Address;
const alice = anvilAccount(1);
const bob = anvilAccount(2);

const chainClients = (account = alice) => {
  const chain = { ...anvil, id: stack.addressBook.chainId };
  const transport = http(stack.urls.anvil); // through the entry point's /anvil proxy
  return {
    l1: createPublicClient({ chain, transport, pollingInterval: 50 }).extend(publicActionsL1()),
    wallet: createWalletClient({ chain, transport, account, pollingInterval: 50 }).extend(walletActionsL1()),
  };
};

async function tx(hash: Promise<Hex>): Promise<void> {
  const receipt = await chainClients().l1.waitForTransactionReceipt({ hash: await hash });
  expect(receipt.status).toBe('success');
}

interface Processed {
  index: bigint;
  status: string;
  notices: Notice[];
  errorCode?: string;
  blockTimestamp: bigint;
}

/** Sends one input through the real InputBox and waits for the node to process it. */
async function advance(payload: Hex, account = alice): Promise<Processed> {
  const { l1, wallet } = chainClients(account);
  const hash = await wallet.writeContract({ address: stack.addressBook.inputBox, abi: inputBoxAbi, functionName: 'addInput', args: [app, payload] });
  return processedFrom(await l1.waitForTransactionReceipt({ hash }));
}

async function processedFrom(receipt: { logs: { address: Address; topics: Hex[]; data: Hex }[] }): Promise<Processed> {
  const log = receipt.logs.find((l) => l.address.toLowerCase() === stack.addressBook.inputBox.toLowerCase())!;
  const index = BigInt(log.topics[2]!);
  const input = await node.waitForInput({ application: app, inputIndex: index, timeout: 30_000, retryCount: 600, pollingInterval: 50 });
  const outputs = await node.listOutputs({ application: app, inputIndex: index, outputType: 'Notice' });
  const notices = outputs.data.map((o) => {
    const d = o.decodedData as { payload: Hex };
    return noticeSchema.parse(JSON.parse(Buffer.from(d.payload.slice(2), 'hex').toString('utf8')));
  });
  const reports = await node.listReports({ application: app, inputIndex: index });
  const report = reports.data[0] && JSON.parse(Buffer.from(reports.data[0].rawData.slice(2), 'hex').toString('utf8'));
  return { index, status: input.status, notices, errorCode: report?.error?.code, blockTimestamp: input.decodedData!.blockTimestamp };
}

async function inspect<T = any>(route: string): Promise<T> {
  const res = await fetch(`${stack.urls.http}/inspect/streamswap`, { method: 'POST', body: route });
  const body = (await res.json()) as { status: string; reports: { payload: Hex }[] };
  expect(body.status).toBe('Accepted');
  return JSON.parse(Buffer.from(body.reports[0]!.payload.slice(2), 'hex').toString('utf8')) as T;
}

const call = (functionName: string, args: unknown[]): Hex => encodeFunctionData({ abi: dappAbi, functionName, args } as never);

beforeAll(async () => {
  stack = await startDevStack({ anvilPort: 0, rollupPort: 0, httpPort: 0, epochLength: 4 });
  node = createCartesiPublicClient({ transport: http(stack.urls.rpc), pollingInterval: 50 });
  app = stack.addressBook.application;
  tCTSI = stack.addressBook.tokens.find((t) => t.symbol === 'tCTSI')!.address;
  tUSD = stack.addressBook.tokens.find((t) => t.symbol === 'tUSD')!.address;
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

describe('the real stack: anvil, v2.2.0 contracts, node, back-end', { timeout: 120_000 }, () => {
  let streamId: string;
  let withdrawal: Processed;
  const W = 25_000_000n; // 25 tUSD

  it('deposits both test tokens through the ERC20Portal', async () => {
    const { wallet } = chainClients();
    for (const [token, amount] of [
      [tCTSI, 10_000n * 10n ** 18n],
      [tUSD, 100_000n * 10n ** 6n],
    ] as const) {
      await tx(wallet.writeContract({ address: token, abi: testTokenAbi, functionName: 'mint', args: [alice.address, amount] }));
      await tx(wallet.writeContract({ address: token, abi: testTokenAbi, functionName: 'approve', args: [stack.addressBook.erc20Portal, amount] }));
      const hash = await wallet.writeContract({ address: stack.addressBook.erc20Portal, abi: erc20PortalAbi, functionName: 'depositERC20Tokens', args: [token, app, amount, '0x'] });
      const deposited = await processedFrom(await chainClients().l1.waitForTransactionReceipt({ hash }));
      expect(deposited.status).toBe('ACCEPTED');
      expect(deposited.notices).toEqual([{ kind: 'deposited', token, account: alice.address, amount: amount.toString() }]);
      const balance = await inspect(`balance/${token}/${alice.address}`);
      expect(balance.balance).toBe(amount.toString());
    }
  });

  it('opens a stream that pays by the second as chain time advances', async () => {
    const amount = 100n * 10n ** 18n;
    const opened = await advance(call('stream', [tCTSI, bob.address, amount, 0n, 100n]));
    expect(opened.status).toBe('ACCEPTED');
    const notice = opened.notices[0]!;
    expect(notice.kind).toBe('streamOpened');
    streamId = (notice as { streamId: string }).streamId;
    const start = BigInt((notice as { start: number }).start);
    await chainClients().l1.request({ method: 'evm_increaseTime' as never, params: [60] as never });
    await chainClients().l1.request({ method: 'evm_mine' as never, params: [] as never });
    const at = start + 50n;
    const bobs = await inspect(`balance/${tCTSI}/${bob.address}?at=${at}`);
    expect(bobs.balance).toBe((amount / 2n).toString());
    const alices = await inspect(`balance/${tCTSI}/${alice.address}?at=${at}`);
    expect(alices.locked).toBe((amount / 2n).toString());
    const streams = await inspect(`streams/${bob.address}?at=${at}`);
    expect(streams.incoming.map((s: { id: string }) => s.id)).toContain(streamId);
  });

  it('adds liquidity, swaps instantly and streamed, and cancels', async () => {
    const added = await advance(call('addLiquidity', [tCTSI, tUSD, 1_000n * 10n ** 18n, 2_000n * 10n ** 6n, 0n, 0n]));
    expect(added.status).toBe('ACCEPTED');
    expect(added.notices[0]!.kind).toBe('liquidityAdded');
    const pool = await inspect(`pool/${tCTSI}/${tUSD}`);
    expect(pool.reserveA).toBe((1_000n * 10n ** 18n).toString());
    expect(pool.reserveB).toBe((2_000n * 10n ** 6n).toString());

    const swapped = await advance(call('swap', [tUSD, tCTSI, 10n * 10n ** 6n, 1n, 0n, 0n]));
    expect(swapped.status).toBe('ACCEPTED');
    const s = swapped.notices[0] as Extract<Notice, { kind: 'swapped' }>;
    expect(s.kind).toBe('swapped');
    expect(BigInt(s.amountOut)).toBeGreaterThan(0n);

    const placed = await advance(call('swap', [tCTSI, tUSD, 10n * 10n ** 18n, 0n, 0n, 3_600n]));
    expect(placed.status).toBe('ACCEPTED');
    const order = placed.notices[0] as Extract<Notice, { kind: 'orderPlaced' }>;
    expect(order.kind).toBe('orderPlaced');
    const orders = await inspect(`orders/${alice.address}`);
    expect(orders.orders.map((o: { id: string }) => o.id)).toContain(order.orderId);

    const canceledOrder = await advance(call('cancelSwap', [BigInt(order.orderId)]));
    expect(canceledOrder.status).toBe('ACCEPTED');
    expect(canceledOrder.notices[0]!.kind).toBe('orderCanceled');

    const canceledStream = await advance(call('cancelStream', [BigInt(streamId)]));
    expect(canceledStream.status).toBe('ACCEPTED');
    expect(canceledStream.notices[0]!.kind).toBe('streamCanceled');
  });

  it('withdraws with a voucher that the real Application executes once the epoch is claimed', async () => {
    withdrawal = await advance(call('withdraw', [tUSD, W]));
    expect(withdrawal.status).toBe('ACCEPTED');
    expect(withdrawal.notices[0]).toMatchObject({ kind: 'withdrawn', token: tUSD, account: alice.address, amount: W.toString() });
    const vouchers = await node.listOutputs({ application: app, inputIndex: withdrawal.index, outputType: 'Voucher' });
    expect(vouchers.data).toHaveLength(1);
    const outputIndex = vouchers.data[0]!.index;
    // wait for the claim (the node mines the rest of the epoch when the chain is idle, then submits to the Authority)
    let output = await node.getOutput({ application: app, outputIndex });
    for (const deadline = Date.now() + 60_000; !output.outputHashesSiblings && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 50));
      output = await node.getOutput({ application: app, outputIndex });
    }
    expect(output.outputHashesSiblings).toHaveLength(63);
    expect(output.decodedData).toMatchObject({ type: 'Voucher', destination: tUSD, value: 0n });
    const epoch = await node.getEpoch({ application: app, epochIndex: output.epochIndex });
    expect(epoch.status).toBe('CLAIM_ACCEPTED');
    expect(await node.getLastAcceptedEpochIndex({ application: app })).toBeGreaterThanOrEqual(output.epochIndex);

    const { l1, wallet } = chainClients();
    const before = await l1.readContract({ address: tUSD, abi: testTokenAbi, functionName: 'balanceOf', args: [alice.address] });
    expect(await l1.validateOutput({ application: app, output })).toBe(true);
    await tx(wallet.executeOutput({ application: app, output, account: alice, chain: wallet.chain }));
    const after = await l1.readContract({ address: tUSD, abi: testTokenAbi, functionName: 'balanceOf', args: [alice.address] });
    expect(after - before).toBe(W);
    expect(await l1.readContract({ address: app, abi: applicationAbi, functionName: 'wasOutputExecuted', args: [outputIndex] })).toBe(true);

    try {
      await l1.simulateContract({
        address: app,
        abi: applicationAbi,
        functionName: 'executeOutput',
        args: [output.rawData, { outputIndex, outputHashesSiblings: output.outputHashesSiblings! }],
        account: bob,
      });
      expect.unreachable('the second execution must be refused');
    } catch (err) {
      const revert = (err as BaseError).walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
      expect(revert?.data?.errorName).toBe('OutputNotReexecutable');
    }
  });

  it('rejects bad inputs with their codes and leaves the state digest unchanged', async () => {
    const transfer = call('transfer', [tCTSI, bob.address, 1n]);
    // a stream that keeps most of alice's remaining tCTSI locked
    const available = BigInt((await inspect(`balance/${tCTSI}/${alice.address}`)).available);
    const locking = await advance(call('stream', [tCTSI, bob.address, available - 10n ** 18n, 0n, 1_000_000n]));
    expect(locking.status).toBe('ACCEPTED');
    const { balance } = await inspect(`balance/${tCTSI}/${alice.address}`);

    const oversizedUint64 = concatHex([slice(call('swap', [tUSD, tCTSI, 1n, 0n, 0n, 0n]), 0, 4 + 32 * 5), numberToHex(2n ** 64n, { size: 32 })]);
    const depositLike = concatHex([tCTSI, alice.address, numberToHex(10n ** 18n, { size: 32 })]);
    const cases: [string, Hex, string][] = [
      ['random bytes', keccak256(stringToHex('not an input')), 'UNKNOWN_SELECTOR'],
      ['too short for a selector', '0x0102', 'MALFORMED_INPUT'],
      ['truncated ABI', slice(transfer, 0, size(transfer) - 7), 'MALFORMED_INPUT'],
      ['unknown selector', concatHex(['0x12345678', numberToHex(1n, { size: 32 })]), 'UNKNOWN_SELECTOR'],
      ['a deposit payload from a non-portal sender', depositLike, 'UNKNOWN_SELECTOR'],
      ['an amount of 2^256-1', call('transfer', [tCTSI, bob.address, MAX_UINT256]), 'INSUFFICIENT_AVAILABLE'],
      ['a uint64 word holding 2^64', oversizedUint64, 'VALUE_OUT_OF_RANGE'],
      ['a withdraw of funds locked in streams', call('withdraw', [tCTSI, BigInt(balance)]), 'INSUFFICIENT_AVAILABLE'],
    ];
    for (const [what, payload, code] of cases) {
      const before = (await inspect<{ digest: Hex }>('digest')).digest;
      const outputsBefore = (await node.listOutputs({ application: app })).pagination.totalCount;
      const r = await advance(payload);
      expect({ what, status: r.status, code: r.errorCode }).toEqual({ what, status: 'REJECTED', code });
      expect(r.notices).toEqual([]);
      expect((await inspect<{ digest: Hex }>('digest')).digest).toBe(before);
      expect((await node.listOutputs({ application: app })).pagination.totalCount).toBe(outputsBefore);
    }
  });

  it('replays the input log into a fresh back-end database after a crash and reaches the same state digest', async () => {
    const before = (await inspect<{ digest: Hex }>('digest')).digest;
    const accepted = (stack.node.store.db.prepare("SELECT COUNT(*) AS n FROM inputs WHERE status = 'ACCEPTED'").get() as { n: number }).n;
    const replayedBefore = stack.node.engine.replayedInputs;
    stack.backend!.kill('SIGKILL');
    // the inspect queues behind the replay, so it sees the replayed state
    const after = (await inspect<{ digest: Hex }>('digest')).digest;
    expect(stack.node.engine.replayedInputs - replayedBefore).toBe(accepted);
    expect(stack.node.engine.replayMismatches).toBe(0);
    expect(after).toBe(before);
    const more = await advance(call('transfer', [tUSD, bob.address, 1n]));
    expect(more.status).toBe('ACCEPTED');
  });
});
