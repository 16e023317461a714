/**
 * Crash safety of `npm start`: the whole process group is killed with SIGKILL in the middle of a run, and the restart
 * must come back with the chain as of about a second before the crash, the node store and the back-end consistent with
 * it (what the chain lost is a reorg), and every voucher the chain holds provable and executable exactly once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCartesiPublicClient, publicActionsL1, walletActionsL1, type CartesiPublicClient } from '@cartesi/viem';
import { BaseError, ContractFunctionRevertedError, createPublicClient, createWalletClient, encodeFunctionData, http, keccak256, type Address, type Hex } from 'viem';
import { anvil } from 'viem/chains';
import { anvilAccount, applicationAbi, erc20PortalAbi, inputBoxAbi, testTokenAbi } from '@streamswap/contracts';
import { dappAbi, type AddressBook } from '@streamswap/protocol';
import { startDevStack } from '../../src/index.js';
import { STATE_FILE } from '../../src/chain/chainStateFile.js';
import { until } from '../helpers.js';
import { groupGone, killAll, killGroup, processesWithEnv, startCli, type CliStack } from './cliProcess.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'devnode-crash-'));
const dataDir = path.join(tmp, 'data');
afterAll(async () => {
  await killAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const alice = anvilAccount(1);
const bob = anvilAccount(2);
const FLAGS = ['--data-dir', dataDir, '--anvil-port', '0', '--rollup-port', '0', '--http-port', '0', '--reader-port', '0', '--no-web'];
const inputBoxRead = inputBoxAbi;

/** Clients for one running stack (through its entry point, as the web app and wallets reach it). */
function connect(s: CliStack, book: AddressBook) {
  const chain = { ...anvil, id: book.chainId };
  const transport = http(`${s.http}/anvil`);
  const l1 = createPublicClient({ chain, transport, pollingInterval: 50 }).extend(publicActionsL1());
  const wallet = (account = alice) => createWalletClient({ chain, transport, account, pollingInterval: 50 }).extend(walletActionsL1());
  const node: CartesiPublicClient = createCartesiPublicClient({ transport: http(`${s.http}/rpc`), pollingInterval: 50 });
  const app = book.application;
  const tUSD = book.tokens.find((t) => t.symbol === 'tUSD')!.address;

  const mined = async (hash: Promise<Hex>) => {
    const r = await l1.waitForTransactionReceipt({ hash: await hash, pollingInterval: 20 });
    expect(r.status).toBe('success');
    return r;
  };
  /** Sends an input and returns its index (without waiting for the node). */
  const send = async (fn: string, args: unknown[], account = alice): Promise<bigint> => {
    const payload = encodeFunctionData({ abi: dappAbi, functionName: fn, args } as never);
    const r = await mined(wallet(account).writeContract({ address: book.inputBox, abi: inputBoxAbi, functionName: 'addInput', args: [app, payload] }));
    return BigInt(r.logs.find((l) => l.address.toLowerCase() === book.inputBox.toLowerCase())!.topics[2]!);
  };
  const processed = (index: bigint) => node.waitForInput({ application: app, inputIndex: index, timeout: 90_000, retryCount: 2000, pollingInterval: 50 });
  const deposit = async (amount: bigint, account = alice): Promise<bigint> => {
    const w = wallet(account);
    await mined(w.writeContract({ address: tUSD, abi: testTokenAbi, functionName: 'mint', args: [account.address, amount] }));
    await mined(w.writeContract({ address: tUSD, abi: testTokenAbi, functionName: 'approve', args: [book.erc20Portal, amount] }));
    const r = await mined(w.writeContract({ address: book.erc20Portal, abi: erc20PortalAbi, functionName: 'depositERC20Tokens', args: [tUSD, app, amount, '0x'] }));
    return BigInt(r.logs.find((l) => l.address.toLowerCase() === book.inputBox.toLowerCase())!.topics[2]!);
  };
  /** The voucher of a withdraw input, once its epoch is claimed (a proof present means executable). */
  const provableVoucher = async (inputIndex: bigint) => {
    await processed(inputIndex);
    const outs = await node.listOutputs({ application: app, inputIndex, outputType: 'Voucher' });
    expect(outs.data).toHaveLength(1);
    return provable(outs.data[0]!.index);
  };
  const provable = (outputIndex: bigint) =>
    until(
      `a proof of output ${outputIndex}`,
      async () => {
        const o = await node.getOutput({ application: app, outputIndex });
        return o.outputHashesSiblings ? o : undefined;
      },
      90_000,
    );
  const wasExecuted = (outputIndex: bigint) => l1.readContract({ address: app, abi: applicationAbi, functionName: 'wasOutputExecuted', args: [outputIndex] });
  type Output = Awaited<ReturnType<typeof provable>>;
  const execute = async (o: Output) => {
    expect(await l1.validateOutput({ application: app, output: o })).toBe(true);
    await mined(wallet().executeOutput({ application: app, output: o, account: alice, chain: wallet().chain }));
  };
  const expectNotReexecutable = async (o: Output) => {
    try {
      await l1.simulateContract({
        address: app,
        abi: applicationAbi,
        functionName: 'executeOutput',
        args: [o.rawData, { outputIndex: o.index, outputHashesSiblings: o.outputHashesSiblings! }],
        account: bob,
      });
      expect.unreachable(`output ${o.index} must not execute twice`);
    } catch (err) {
      const revert = (err as BaseError).walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
      expect(revert?.data?.errorName).toBe('OutputNotReexecutable');
    }
  };
  const inspect = async <T>(route: string): Promise<T> => {
    const res = await fetch(`${s.http}/inspect/${book.applicationName}`, { method: 'POST', body: route });
    const body = (await res.json()) as { reports: { payload: Hex }[] };
    return JSON.parse(Buffer.from(body.reports[0]!.payload.slice(2), 'hex').toString('utf8')) as T;
  };
  return { l1, node, app, tUSD, send, processed, deposit, provableVoucher, provable, wasExecuted, execute, expectNotReexecutable, inspect };
}

/** The back-end runs in its own process group; with the node gone it must exit by itself (its /finish fails). */
const noBackendLeft = () => until('the orphaned back-end to exit', () => (processesWithEnv(`STREAMSWAP_DB=${path.join(dataDir, 'dapp.sqlite')}`).length === 0 ? true : undefined), 30_000);

const book = async (s: CliStack): Promise<AddressBook> => (await (await fetch(`${s.http}/addresses`)).json()) as AddressBook;
const W = 1_000_000n; // 1 tUSD per withdrawal

/**
 * The restarted node agrees with the chain and with a node that reads the same chain from scratch: the same inputs
 * (hash by hash against the InputBox), statuses, outputs, reports and back-end state digest; its executed flags are the
 * chain's; every voucher is provable, executed ones refuse a second execution and the others execute exactly once.
 * Returns the voucher indices that were already executed.
 */
async function expectConsistent(s: CliStack, b: AddressBook): Promise<Set<bigint>> {
  const c = connect(s, b);
  const n = await c.l1.readContract({ address: b.inputBox, abi: inputBoxRead, functionName: 'getNumberOfInputs', args: [b.application] });
  await until('the node processed every input of the chain', async () => (await c.node.getProcessedInputCount({ application: c.app })) === n || undefined, 120_000);
  const inputs = (await c.node.listInputs({ application: c.app, limit: 10_000 })).data;
  expect(BigInt(inputs.length)).toBe(n);
  for (const i of inputs) {
    const onChain = await c.l1.readContract({ address: b.inputBox, abi: inputBoxRead, functionName: 'getInputHash', args: [b.application, i.index] });
    expect(keccak256(i.rawData), `input ${i.index}`).toBe(onChain);
  }

  // A node that reads the same chain from nothing is the reference for the store and the back-end.
  const fresh = await startDevStack({ chain: { rpcUrl: s.chain, addressBook: b }, dataDir: fs.mkdtempSync(path.join(tmp, 'fresh-')), rollupPort: 0, httpPort: 0 });
  try {
    const f = connect({ ...s, http: fresh.urls.http }, b);
    await until('the reference node processed every input', async () => (await f.node.getProcessedInputCount({ application: f.app })) === n || undefined, 120_000);
    const shape = async (x: typeof c) => ({
      inputs: (await x.node.listInputs({ application: x.app, limit: 10_000 })).data.map((i) => [i.index, i.status]),
      outputs: (await x.node.listOutputs({ application: x.app, limit: 10_000 })).data.map((o) => [o.index, o.inputIndex, o.rawData]),
      reports: (await x.node.listReports({ application: x.app, limit: 10_000 })).data.map((r) => [r.index, r.inputIndex, r.rawData]),
      digest: (await x.inspect<{ digest: Hex }>('digest')).digest,
    });
    expect(await shape(c)).toEqual(await shape(f));
  } finally {
    await fresh.stop();
  }

  const executed = new Set<bigint>();
  const vouchers = (await c.node.listOutputs({ application: c.app, outputType: 'Voucher', limit: 10_000 })).data;
  for (const v of vouchers) {
    const o = await c.provable(v.index);
    const onChain = await c.wasExecuted(v.index);
    // the node learns executions from the chain's logs: once it has read up to the head, it says the same
    await until(`the node's executed flag of output ${v.index}`, async () => ((await c.node.getOutput({ application: c.app, outputIndex: v.index })).executionTransactionHash !== null) === onChain || undefined);
    if (onChain) {
      executed.add(v.index);
      await c.expectNotReexecutable(o);
    }
  }
  return executed;
}

describe('kill -9 of npm start', { timeout: 900_000 }, () => {
  it('restarts with the chain of about a second before, the store and back-end rolled back to it, vouchers executable exactly once', async () => {
    // Run 1: deposits, transfers and two withdrawals; one voucher executed, then a copy of the saved chain.
    let s = await startCli(FLAGS);
    const b = await book(s);
    let c = connect(s, b);
    await c.processed(await c.deposit(100n * W));
    await c.processed(await c.send('transfer', [c.tUSD, bob.address, 3n * W]));
    const w1 = await c.provableVoucher(await c.send('withdraw', [c.tUSD, W]));
    const w1b = await c.provableVoucher(await c.send('withdraw', [c.tUSD, 2n * W]));
    await c.execute(w1);
    const executedAt = Date.now();
    const stateFile = path.join(dataDir, STATE_FILE);
    await until('a save of the chain with the execution', () => (fs.statSync(stateFile).mtimeMs > executedAt + 50 ? true : undefined), 30_000);
    // a few more blocks so the save certainly holds the execution's block (it is saved when the head moves)
    await c.processed(await c.send('transfer', [c.tUSD, bob.address, 1n]));
    const savedAt = Date.now();
    await until('the next save', () => (fs.statSync(stateFile).mtimeMs > savedAt + 50 ? true : undefined), 30_000);
    const snapshot = fs.readFileSync(stateFile);
    const snapshotInputs = await c.l1.readContract({ address: b.inputBox, abi: inputBoxRead, functionName: 'getNumberOfInputs', args: [b.application] });

    // after the copy: w1b executed, more inputs (a deposit, a withdrawal, transfers); killed right after the last one
    await c.execute(w1b);
    const w2 = await c.provableVoucher(await c.send('withdraw', [c.tUSD, 4n * W]));
    await c.deposit(10n * W, bob);
    for (let i = 0; i < 3; i++) await c.send('transfer', [c.tUSD, bob.address, BigInt(i + 1)]);
    const last = await c.send('transfer', [c.tUSD, bob.address, 7n]);
    await c.processed(last);
    const headBeforeKill = await c.l1.getBlockNumber();
    killGroup(s.child, 'SIGKILL');
    await s.exited;
    await groupGone(s.child);
    await noBackendLeft();

    // Run 2: back from the real last save, about a second before the kill.
    s = await startCli(FLAGS);
    expect(await book(s)).toEqual(b);
    c = connect(s, b);
    const head2 = await c.l1.getBlockNumber();
    expect(head2).toBeGreaterThan(0n);
    expect(head2).toBeLessThanOrEqual(headBeforeKill + 10n); // + blocks mined since the restart (claims, idle mining)
    const executed2 = await expectConsistent(s, b);
    expect(executed2.has(w1.index)).toBe(true); // an executed voucher stays executed
    expect(await c.wasExecuted(w2.index).catch(() => false)).toBe(false); // w2 was never executed

    // more activity on the resumed chain, then another kill
    await c.processed(await c.send('transfer', [c.tUSD, bob.address, 5n]));
    const w3 = await c.provableVoucher(await c.send('withdraw', [c.tUSD, W]));
    await c.execute(w3);
    killGroup(s.child, 'SIGKILL');
    await s.exited;
    await groupGone(s.child);
    await noBackendLeft();

    // Run 3: as if the saves had stopped right after the copy (a crash long after the last good save): the chain comes
    // back at the copy, everything after it is a reorg for the node store and the back-end.
    fs.writeFileSync(stateFile, snapshot);
    s = await startCli(FLAGS);
    c = connect(s, b);
    expect(s.output()).toMatch(/treated as a reorg, [1-9]\d* input\(s\) from the lost blocks dropped/);
    expect(await c.l1.readContract({ address: b.inputBox, abi: inputBoxRead, functionName: 'getNumberOfInputs', args: [b.application] })).toBe(snapshotInputs);
    const executed3 = await expectConsistent(s, b);
    expect(executed3.has(w1.index)).toBe(true); // executed before the copy: still executed
    expect(executed3.has(w1b.index)).toBe(false); // its execution was lost with the blocks after the copy
    // ...so it executes again, exactly once
    const again = await c.provable(w1b.index);
    expect(again.rawData).toBe(w1b.rawData);
    await c.execute(again);
    await c.expectNotReexecutable(again);
    await until('the node sees the execution', async () => (await c.node.getOutput({ application: c.app, outputIndex: w1b.index })).executionTransactionHash ?? undefined);

    // and the resumed chain takes new inputs at the indices the lost ones had
    const next = await c.send('transfer', [c.tUSD, bob.address, 9n]);
    expect(next).toBe(snapshotInputs);
    expect((await c.processed(next)).status).toBe('ACCEPTED');

    // a clean stop (SIGTERM to the group, as Ctrl-C) keeps everything up to the stop
    const headAtStop = await c.l1.getBlockNumber();
    killGroup(s.child, 'SIGTERM');
    await s.exited;
    await groupGone(s.child);
    expect(s.output()).toContain('stopping...');
    s = await startCli(FLAGS);
    c = connect(s, b);
    expect(await c.l1.getBlockNumber()).toBeGreaterThanOrEqual(headAtStop);
    expect(s.output()).not.toMatch(/treated as a reorg/);
    expect((await c.processed(next)).status).toBe('ACCEPTED');
    killGroup(s.child, 'SIGTERM');
    await s.exited;
    await groupGone(s.child);
  });
});

describe('kill -9 of the node process alone', { timeout: 300_000 }, () => {
  it('stops the anvil it left (which dumps its chain), resumes with nothing lost, and refuses a second stack on the same data dir', async () => {
    const dir = path.join(tmp, 'alone');
    const flags = ['--data-dir', dir, '--anvil-port', '0', '--rollup-port', '0', '--http-port', '0', '--reader-port', '0', '--no-web'];
    let s = await startCli(flags, {}, 150_000, 'node');
    const b = await book(s);
    let c = connect(s, b);
    await c.processed(await c.deposit(5n * W));
    // a second stack on the same data dir would share the node store: refused
    const second = await startCli(flags, {}, 150_000, 'node').then(
      () => 'started',
      (err: Error) => err.message,
    );
    expect(second).toMatch(/another stack \(pid \d+\) is using/);
    const last = await c.send('transfer', [c.tUSD, bob.address, 1n]);
    await c.processed(last);
    const head = await c.l1.getBlockNumber();
    process.kill(s.child.pid!, 'SIGKILL'); // the node only: anvil (same group) and the back-end live on
    await s.exited;
    const orphans = processesWithEnv(`STREAMSWAP_DEVNODE_DATA_DIR=${dir}`);
    s = await startCli(flags, {}, 150_000, 'node');
    expect(s.output()).toMatch(/stopping what a previous stack on .* left running: .*anvil \(pid \d+\)/);
    expect(orphans.length).toBeGreaterThanOrEqual(1); // anvil at least (the back-end and the reader exit by themselves)
    expect(s.output()).not.toMatch(/treated as a reorg/);
    c = connect(s, b);
    expect(await c.l1.getBlockNumber()).toBeGreaterThanOrEqual(head); // anvil's own dump on SIGTERM: nothing lost
    expect((await c.processed(last)).status).toBe('ACCEPTED');
    for (const pid of orphans) expect(() => process.kill(pid, 0), `left-over pid ${pid}`).toThrow();
    killGroup(s.child, 'SIGTERM');
    await s.exited;
    await groupGone(s.child);
  });
});
