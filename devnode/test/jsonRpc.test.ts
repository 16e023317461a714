import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCartesiPublicClient, publicActionsL1, walletActionsL1, type CartesiPublicClient } from '@cartesi/viem';
import { BaseError, ContractFunctionRevertedError, getAddress, http, zeroHash } from 'viem';
import { applicationAbi } from '@streamswap/contracts';
import { NODE_VERSION, type DevStack } from '../src/index.js';
import { chainClients, sendInput, startEchoStack, until } from './helpers.js';

let stack: DevStack;
let client: CartesiPublicClient;
let app: `0x${string}`;

beforeAll(async () => {
  stack = await startEchoStack({ epochLength: 3 });
  client = createCartesiPublicClient({ transport: http(stack.urls.rpc), pollingInterval: 50 });
  app = stack.addressBook.application;
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe('rollups-node JSON-RPC through @cartesi/viem', () => {
  it('describes the chain, the node and the application', async () => {
    expect(await client.getChainId()).toBe(31337);
    expect(await client.getNodeVersion()).toBe(NODE_VERSION);
    const apps = await client.listApplications();
    expect(apps.pagination.totalCount).toBe(1);
    expect(apps.data[0]!.applicationAddress).toBe(getAddress(app));
    const byName = await client.getApplication({ application: 'streamswap' });
    expect(byName.consensusAddress).toBe(stack.addressBook.authority);
    expect(byName.inputBoxAddress).toBe(stack.addressBook.inputBox);
    expect(byName.epochLength).toBe(3n);
    expect(byName.dataAvailability).toEqual({ type: 'InputBox', inputBoxAddress: stack.addressBook.inputBox });
    expect(byName.inputBoxBlock).toBe(BigInt(stack.addressBook.deploymentBlock));
    expect((await client.getApplication({ application: app })).name).toBe('streamswap');
  });

  it('reports unknown applications and resources with -32001 and bad params with -32602', async () => {
    await expect(client.getApplication({ application: 'nope-app' })).rejects.toMatchObject({ code: -32001 });
    await expect(client.getInput({ application: app, inputIndex: 999n })).rejects.toMatchObject({ code: -32001 });
    await expect(client.getApplication({ application: 'NOT AN APP!' })).rejects.toMatchObject({ code: -32602 });
    const res = await fetch(stack.urls.rpc, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'cartesi_nope', params: {} }) });
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(-32601);
  });

  it('processes inputs, waits for them, lists and filters their outputs, and proves and executes a voucher on the real Application', async () => {
    const sender = chainClients(stack, 1).wallet.account.address;
    const a = await sendInput(stack, '0x0a0b');
    const b = await sendInput(stack, '0xff01'); // rejected by the echo back-end
    const c = await sendInput(stack, '0x0c');
    const input = await client.waitForInput({ application: app, inputIndex: c.index });
    expect(input.status).toBe('ACCEPTED');
    expect(input.decodedData?.sender).toBe(sender);
    expect(input.decodedData?.payload).toBe('0x0c');
    expect(input.decodedData?.index).toBe(c.index);
    expect((await client.getInput({ application: app, inputIndex: b.index })).status).toBe('REJECTED');
    expect(await client.getProcessedInputCount({ application: app })).toBe(3n);
    // outputs_hash = the outputs root after the input; a rejected input leaves it unchanged
    const hashOf = (i: bigint) => until(`outputs_hash of ${i}`, async () => (await client.getInput({ application: app, inputIndex: i })).outputsHash ?? undefined);
    const [ha, hb, hc] = [await hashOf(a.index), await hashOf(b.index), await hashOf(c.index)];
    expect(ha).toMatch(/^0x[0-9a-f]{64}$/);
    expect(hb).toBe(ha);
    expect(hc).not.toBe(ha);

    const inputs = await client.listInputs({ application: app });
    expect(inputs.data.map((i) => i.index)).toEqual([a.index, b.index, c.index]);
    expect((await client.listInputs({ application: app, limit: 1, offset: 1, descending: true } as never)).data.map((i) => i.index)).toEqual([b.index]);

    const all = await client.listOutputs({ application: app });
    // 2 outputs per accepted input; the rejected input's were rolled back
    expect(all.data.map((o) => [o.inputIndex, o.index])).toEqual([
      [a.index, 0n],
      [a.index, 1n],
      [c.index, 2n],
      [c.index, 3n],
    ]);
    const vouchers = await client.listOutputs({ application: app, outputType: 'Voucher' });
    expect(vouchers.data.map((o) => o.index)).toEqual([1n, 3n]);
    expect(vouchers.data[0]!.decodedData).toEqual({ type: 'Voucher', destination: sender, value: 0n, payload: '0x0a0b' });
    expect((await client.listOutputs({ application: app, outputType: 'Notice', inputIndex: c.index })).data.map((o) => o.index)).toEqual([2n]);
    expect((await client.listOutputs({ application: app, voucherAddress: sender })).pagination.totalCount).toBe(2);
    expect((await client.listOutputs({ application: app, voucherAddress: stack.addressBook.inputBox })).pagination.totalCount).toBe(0);
    const reports = await client.listReports({ application: app, inputIndex: b.index });
    expect(reports.data).toHaveLength(1); // the rejected input's report is kept

    // The claim: the epoch closes (idle mining finishes it) and the node submits the root to the real Authority.
    const proven = await until('a proof for voucher 3', async () => {
      const o = await client.getOutput({ application: app, outputIndex: 3n });
      return o.outputHashesSiblings ? o : undefined;
    });
    expect(proven.outputHashesSiblings).toHaveLength(63);
    expect(proven.hash).not.toBeNull();
    const last = await client.getLastAcceptedEpochIndex({ application: app });
    const epochs = await client.listEpochs({ application: app });
    const accepted = epochs.data.filter((e) => e.status === 'CLAIM_ACCEPTED');
    expect(accepted.at(-1)!.index).toBe(last);
    expect(accepted.at(-1)!.outputsMerkleRoot).not.toBe(zeroHash);
    // the claim is the outputs root after the epoch's last input
    for (const e of accepted) {
      const lastInput = await client.getInput({ application: app, inputIndex: e.inputIndexUpperBound - 1n });
      expect(lastInput.outputsHash).toBe(e.outputsMerkleRoot);
    }
    expect((await client.getEpoch({ application: app, epochIndex: last })).claimTransactionHash).toMatch(/^0x[0-9a-f]{64}$/);

    const { publicClient, wallet } = chainClients(stack, 2);
    const l1 = publicClient.extend(publicActionsL1());
    expect(await l1.validateOutput({ application: app, output: proven })).toBe(true);
    const w = wallet.extend(walletActionsL1());
    const hash = await w.executeOutput({ application: app, output: proven, account: wallet.account, chain: wallet.chain });
    expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
    expect(await publicClient.readContract({ address: app as `0x${string}`, abi: applicationAbi, functionName: 'wasOutputExecuted', args: [3n] })).toBe(true);
    try {
      await publicClient.simulateContract({ address: app as `0x${string}`, abi: applicationAbi, functionName: 'executeOutput', args: [proven.rawData, { outputIndex: 3n, outputHashesSiblings: proven.outputHashesSiblings! }], account: wallet.account });
      expect.unreachable('a second execution must revert');
    } catch (err) {
      const revert = (err as BaseError).walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError;
      expect(revert.data?.errorName).toBe('OutputNotReexecutable');
    }
    // the node picks up OutputExecuted
    await until('execution_transaction_hash', async () => (await client.getOutput({ application: app, outputIndex: 3n })).executionTransactionHash ?? undefined);
    // an older output still proves against its (earlier) accepted claim
    const first = await client.getOutput({ application: app, outputIndex: 1n });
    expect(await l1.validateOutput({ application: app, output: first })).toBe(true);
  });
});

describe('entry point', () => {
  it('serves the address book, proxies the chain, answers CORS preflights and refuses unknown inspect targets', async () => {
    const book = await (await fetch(`${stack.urls.http}/addresses`)).json();
    expect(book).toEqual(stack.addressBook);
    const pre = await fetch(`${stack.urls.http}/rpc`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    const chainId = await fetch(stack.urls.anvil, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'eth_chainId', params: [] }) });
    expect(chainId.headers.get('access-control-allow-origin')).toBe('*');
    expect(await chainId.json()).toEqual({ jsonrpc: '2.0', id: 7, result: '0x7a69' });
    expect((await fetch(`${stack.urls.http}/inspect/someone-else`, { method: 'POST', body: 'x' })).status).toBe(404);
    expect((await fetch(`${stack.urls.http}/inspect/streamswap`)).status).toBe(405);
    const byAddress = await fetch(`${stack.urls.http}/inspect/${app}`, { method: 'POST', body: 'hello' });
    const answer = (await byAddress.json()) as { status: string; reports: { payload: string }[]; processed_input_count: number; exception_payload: null };
    expect(answer.status).toBe('Accepted');
    expect(answer.exception_payload).toBeNull();
    expect(typeof answer.processed_input_count).toBe('number');
    expect(JSON.parse(Buffer.from(answer.reports[0]!.payload.slice(2), 'hex').toString('utf8')).payload).toBe('hello');
  });
});
