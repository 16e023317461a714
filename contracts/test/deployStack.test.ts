import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFunctionData, encodePacked, getAddress, padHex, type Address } from 'viem';
import { addressBookSchema, CARTESI_V2_2_ADDRESSES, type AddressBook } from '@streamswap/protocol';
import {
  applicationAbi,
  authorityAbi,
  deployStack,
  erc20PortalAbi,
  inputBoxAbi,
  inputsAbi,
  startAnvil,
  testTokenAbi,
  type AnvilInstance,
} from '../src/index.js';
import { clientsFor } from './helpers.js';

let node: AnvilInstance;
let book: AddressBook;
let c: ReturnType<typeof clientsFor>;

beforeAll(async () => {
  node = await startAnvil({ port: 0 });
  c = clientsFor(node.rpcUrl);
  book = await deployStack({ rpcUrl: node.rpcUrl, epochLength: 4 });
});
afterAll(async () => node?.stop());

describe('deployStack', () => {
  it('lands every v2.2.0 contract at its canonical CREATE2 address', async () => {
    expect(addressBookSchema.parse(book)).toEqual(book);
    for (const [key, address] of Object.entries(CARTESI_V2_2_ADDRESSES)) {
      if (key !== 'quorumFactory') expect(book[key as keyof AddressBook], key).toBe(address);
      const code = await c.publicClient.getCode({ address });
      expect(code && code.length > 2, `${key} has code`).toBe(true);
    }
  });

  it('deploys the application with its Authority, owned by anvil account 0, and the two test tokens', async () => {
    const owner = c.wallet(0).account.address;
    expect(book.authorityOwner).toBe(owner);
    expect(book.chainId).toBe(31337);
    expect(book.applicationName).toBe('streamswap');
    expect(await c.publicClient.readContract({ address: book.authority, abi: authorityAbi, functionName: 'owner' })).toBe(owner);
    expect(await c.publicClient.readContract({ address: book.authority, abi: authorityAbi, functionName: 'getEpochLength' })).toBe(4n);
    expect(await c.publicClient.readContract({ address: book.application, abi: applicationAbi, functionName: 'getOutputsMerkleRootValidator' })).toBe(book.authority);
    expect(await c.publicClient.readContract({ address: book.application, abi: applicationAbi, functionName: 'getDataAvailability' })).toBe(
      `0xb12c9ede${padHex(book.inputBox, { size: 32 }).slice(2).toLowerCase()}`,
    );
    expect(await c.publicClient.readContract({ address: book.application, abi: applicationAbi, functionName: 'getTemplateHash' })).toBe(book.templateHash);
    expect(BigInt(book.deploymentBlock)).toBe(
      await c.publicClient.readContract({ address: book.application, abi: applicationAbi, functionName: 'getDeploymentBlockNumber' }),
    );
    expect(book.deploymentBlock).toBeGreaterThan(0);
    expect(book.tokens.map((t) => [t.name, t.symbol, t.decimals])).toEqual([
      ['Test Cartesi', 'tCTSI', 18],
      ['Test USD', 'tUSD', 6],
    ]);
    for (const token of book.tokens) {
      expect(await c.publicClient.readContract({ address: token.address, abi: testTokenAbi, functionName: 'symbol' })).toBe(token.symbol);
    }
  });

  it('is idempotent: a second run sends no transaction and returns the same address book', async () => {
    const before = await c.publicClient.getBlockNumber();
    expect(await deployStack({ rpcUrl: node.rpcUrl, epochLength: 4 })).toEqual(book);
    expect(await c.publicClient.getBlockNumber()).toBe(before);
  });

  it('deploys a second application next to the first when given another salt', async () => {
    const other = await deployStack({ rpcUrl: node.rpcUrl, epochLength: 4, salt: padHex('0x01', { size: 32 }), applicationName: 'other' });
    expect(other.application).not.toBe(book.application);
    expect(other.inputBox).toBe(book.inputBox);
    expect(other.tokens).toEqual(book.tokens);
    expect(other.deploymentBlock).toBeGreaterThan(book.deploymentBlock);
  });

  it('produces a working app: addInput through the InputBox emits InputAdded with the EvmAdvance blob', async () => {
    const sender = c.wallet(1);
    const hash = await sender.writeContract({ address: book.inputBox, abi: inputBoxAbi, functionName: 'addInput', args: [book.application, '0xdeadbeef'] });
    const receipt = await c.publicClient.waitForTransactionReceipt({ hash });
    const [event] = await c.publicClient.getContractEvents({ address: book.inputBox, abi: inputBoxAbi, eventName: 'InputAdded', blockHash: receipt.blockHash });
    expect(event?.args.appContract).toBe(book.application);
    expect(event?.args.index).toBe(0n);
    const block = await c.publicClient.getBlock({ blockHash: receipt.blockHash });
    const decoded = decodeFunctionData({ abi: inputsAbi, data: event!.args.input! });
    expect(decoded.functionName).toBe('EvmAdvance');
    expect(decoded.args).toEqual([31337n, book.application, sender.account.address, receipt.blockNumber, block.timestamp, expect.any(BigInt), 0n, '0xdeadbeef']);
  });

  it('produces a working app: an ERC20Portal deposit emits the packed v2 payload token ‖ sender ‖ amount ‖ execLayerData', async () => {
    const user = c.wallet(2);
    const token = book.tokens[1]!.address as Address;
    const amount = 1_234_567n;
    const send = async (p: Parameters<typeof user.writeContract>[0]) =>
      c.publicClient.waitForTransactionReceipt({ hash: await user.writeContract(p) });
    await send({ address: token, abi: testTokenAbi, functionName: 'mint', args: [user.account.address, amount] } as never);
    await send({ address: token, abi: testTokenAbi, functionName: 'approve', args: [book.erc20Portal, amount] } as never);
    const receipt = await send({
      address: book.erc20Portal,
      abi: erc20PortalAbi,
      functionName: 'depositERC20Tokens',
      args: [token, book.application, amount, '0xcafe'],
    } as never);
    expect(receipt.status).toBe('success');
    const [event] = await c.publicClient.getContractEvents({ address: book.inputBox, abi: inputBoxAbi, eventName: 'InputAdded', blockHash: receipt.blockHash });
    const { args } = decodeFunctionData({ abi: inputsAbi, data: event!.args.input! });
    expect(getAddress(args[2])).toBe(book.erc20Portal);
    expect(args[7]).toBe(encodePacked(['address', 'address', 'uint256', 'bytes'], [token, user.account.address, amount, '0xcafe']));
    expect(await c.publicClient.readContract({ address: token, abi: testTokenAbi, functionName: 'balanceOf', args: [book.application] })).toBe(amount);
  });

  it('rejects a non-positive epoch length before touching the chain', async () => {
    await expect(deployStack({ rpcUrl: node.rpcUrl, epochLength: 0 })).rejects.toThrow(/positive integer epochLength/);
  });
});
