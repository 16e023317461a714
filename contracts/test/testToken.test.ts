import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseError, ContractFunctionRevertedError, maxUint256, type Address } from 'viem';
import { deployStack, startAnvil, testTokenAbi, type AnvilInstance } from '../src/index.js';
import { clientsFor } from './helpers.js';

let node: AnvilInstance;
let tctsi: Address;
let tusd: Address;
let c: ReturnType<typeof clientsFor>;
const [alice, bob, carol] = [0, 1, 2];

beforeAll(async () => {
  node = await startAnvil({ port: 0 });
  const book = await deployStack({ rpcUrl: node.rpcUrl, epochLength: 5 });
  [tctsi, tusd] = book.tokens.map((t) => t.address) as [Address, Address];
  c = clientsFor(node.rpcUrl);
});
afterAll(async () => node?.stop());

const addr = (i: number) => c.wallet(i).account.address;
const read = <F extends 'balanceOf' | 'allowance' | 'totalSupply' | 'decimals' | 'name' | 'symbol'>(token: Address, functionName: F, args: readonly unknown[] = []) =>
  c.publicClient.readContract({ address: token, abi: testTokenAbi, functionName, args } as never) as Promise<F extends 'decimals' ? number : F extends 'name' | 'symbol' ? string : bigint>;

async function write(from: number, token: Address, functionName: 'mint' | 'transfer' | 'approve' | 'transferFrom', args: readonly unknown[]) {
  const hash = await c.wallet(from).writeContract({ address: token, abi: testTokenAbi, functionName, args } as never);
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
  return receipt;
}

async function revertName(from: number, token: Address, functionName: 'transfer' | 'transferFrom' | 'mint' | 'approve', args: readonly unknown[]) {
  try {
    await c.publicClient.simulateContract({ account: c.wallet(from).account, address: token, abi: testTokenAbi, functionName, args } as never);
  } catch (error) {
    const revert = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
    if (revert instanceof ContractFunctionRevertedError) return { name: revert.data?.errorName, args: revert.data?.args };
    throw error;
  }
  return undefined;
}

describe('TestToken', () => {
  it('has the names, symbols and decimals of the address book', async () => {
    expect([await read(tctsi, 'name'), await read(tctsi, 'symbol'), await read(tctsi, 'decimals')]).toEqual(['Test Cartesi', 'tCTSI', 18]);
    expect([await read(tusd, 'name'), await read(tusd, 'symbol'), await read(tusd, 'decimals')]).toEqual(['Test USD', 'tUSD', 6]);
  });

  it('lets anyone mint, raising the balance and the total supply and emitting Transfer from zero', async () => {
    const supply = await read(tusd, 'totalSupply');
    const receipt = await write(carol, tusd, 'mint', [addr(bob), 5_000_000n]);
    expect(await read(tusd, 'balanceOf', [addr(bob)])).toBe(5_000_000n);
    expect(await read(tusd, 'totalSupply')).toBe(supply + 5_000_000n);
    const [log] = await c.publicClient.getContractEvents({ address: tusd, abi: testTokenAbi, eventName: 'Transfer', blockHash: receipt.blockHash });
    expect(log?.args).toEqual({ from: '0x0000000000000000000000000000000000000000', to: addr(bob), value: 5_000_000n });
  });

  it('moves balances on transfer and refuses to overdraw', async () => {
    await write(alice, tctsi, 'mint', [addr(alice), 10n ** 18n]);
    await write(alice, tctsi, 'transfer', [addr(bob), 4n * 10n ** 17n]);
    expect(await read(tctsi, 'balanceOf', [addr(alice)])).toBe(6n * 10n ** 17n);
    expect(await read(tctsi, 'balanceOf', [addr(bob)])).toBe(4n * 10n ** 17n);
    expect(await revertName(alice, tctsi, 'transfer', [addr(bob), 10n ** 18n])).toEqual({
      name: 'ERC20InsufficientBalance',
      args: [addr(alice), 6n * 10n ** 17n, 10n ** 18n],
    });
  });

  it('spends allowances in transferFrom, keeps an infinite allowance, and refuses to exceed one', async () => {
    await write(alice, tusd, 'mint', [addr(alice), 1_000n]);
    await write(alice, tusd, 'approve', [addr(carol), 300n]);
    expect(await read(tusd, 'allowance', [addr(alice), addr(carol)])).toBe(300n);
    await write(carol, tusd, 'transferFrom', [addr(alice), addr(carol), 200n]);
    expect(await read(tusd, 'allowance', [addr(alice), addr(carol)])).toBe(100n);
    expect(await read(tusd, 'balanceOf', [addr(carol)])).toBe(200n);
    expect(await revertName(carol, tusd, 'transferFrom', [addr(alice), addr(carol), 101n])).toEqual({
      name: 'ERC20InsufficientAllowance',
      args: [addr(carol), 100n, 101n],
    });
    await write(alice, tusd, 'approve', [addr(carol), maxUint256]);
    await write(carol, tusd, 'transferFrom', [addr(alice), addr(carol), 50n]);
    expect(await read(tusd, 'allowance', [addr(alice), addr(carol)])).toBe(maxUint256);
  });

  it('refuses transfers and mints to the zero address', async () => {
    const zero = '0x0000000000000000000000000000000000000000';
    expect((await revertName(alice, tctsi, 'transfer', [zero, 1n]))?.name).toBe('ERC20InvalidReceiver');
    expect((await revertName(alice, tctsi, 'mint', [zero, 1n]))?.name).toBe('ERC20InvalidReceiver');
    expect((await revertName(alice, tctsi, 'approve', [zero, 1n]))?.name).toBe('ERC20InvalidSpender');
  });
});
