import { CARTESI_V2_2_ADDRESSES, dappAbi, lpTokenAddress } from '@streamswap/protocol';
import { type Address, type Hex, encodeFunctionData, encodePacked, getAddress } from 'viem';
import { beforeEach, describe, expect, it } from 'vitest';
import { StreamSwapApp } from '../../src/app/StreamSwapApp.js';
import { inspectRoute } from '../../src/inspect/inspectRoute.js';
import { openDatabase } from '../../src/storage/openDatabase.js';

const tokenA = getAddress('0x1111111111111111111111111111111111111111');
const tokenB = getAddress('0x3333333333333333333333333333333333333333');
const alice = getAddress('0x2222222222222222222222222222222222222222');
const bob = getAddress('0x4444444444444444444444444444444444444444');
const T0 = 1_700_000_000n;

type Call = Parameters<typeof encodeFunctionData<typeof dappAbi>>[0];

let app: StreamSwapApp;
let inputIndex: bigint;

function send(sender: Address, payload: Hex, timestamp = T0) {
  return app.advance({ sender, timestamp, index: inputIndex++ }, payload);
}
const call = (sender: Address, c: Omit<Call, 'abi'>, timestamp = T0) =>
  send(sender, encodeFunctionData({ abi: dappAbi, ...c } as Call), timestamp);
const deposit = (token: Address, account: Address, amount: bigint, timestamp = T0) =>
  send(CARTESI_V2_2_ADDRESSES.erc20Portal, encodePacked(['address', 'address', 'uint256'], [token, account, amount]), timestamp);

function rejectionCode(run: () => unknown): string {
  const before = app.digest();
  try {
    run();
  } catch (error) {
    expect(app.digest()).toBe(before);
    return (error as { code: string }).code;
  }
  return 'ACCEPTED';
}

beforeEach(() => {
  app = new StreamSwapApp(openDatabase(':memory:'));
  inputIndex = 0n;
});

describe('StreamSwapApp.advance', () => {
  it('credits an ERC20Portal deposit to the depositor and says so in a notice', () => {
    const result = deposit(tokenA, alice, 1000n);
    expect(result.notices).toEqual([{ kind: 'deposited', token: tokenA, account: alice, amount: '1000' }]);
    expect(app.ledger.balanceOf(tokenA, alice, T0).available).toBe(1000n);
  });

  it('treats a deposit-shaped payload from a non-portal sender as a call and rejects it, changing nothing', () => {
    deposit(tokenA, alice, 1000n);
    const payload = encodePacked(['address', 'address', 'uint256'], [tokenA, alice, 10n ** 30n]);
    expect(rejectionCode(() => send(bob, payload))).toMatch(/UNKNOWN_SELECTOR|MALFORMED_INPUT/);
  });

  it('rejects a withdraw of funds locked in a stream (prototype bug 1) and leaves the state byte-identical', () => {
    deposit(tokenA, alice, 100n);
    call(alice, { functionName: 'stream', args: [tokenA, bob, 100n, 0n, 1000n] });
    expect(rejectionCode(() => call(alice, { functionName: 'withdraw', args: [tokenA, 100n] }, T0 + 1n))).toBe('INSUFFICIENT_AVAILABLE');
  });

  it('rejects a deposit that would take a token past 2^256-1 in total', () => {
    deposit(tokenA, alice, 2n ** 256n - 1n);
    expect(rejectionCode(() => deposit(tokenA, bob, 1n))).toBe('VALUE_OUT_OF_RANGE');
  });

  it('emits an ERC20.transfer voucher for a withdrawal of available funds', () => {
    deposit(tokenA, alice, 100n);
    const result = call(alice, { functionName: 'withdraw', args: [tokenA, 40n] });
    expect(result.vouchers).toHaveLength(1);
    expect(result.vouchers[0]?.destination).toBe(tokenA);
    expect(app.ledger.balanceOf(tokenA, alice, T0).available).toBe(60n);
  });

  it('answers an input delivered twice after a crash with the same outputs, applying it once', () => {
    deposit(tokenA, alice, 100n);
    const again = app.advance(
      { sender: CARTESI_V2_2_ADDRESSES.erc20Portal, timestamp: T0, index: 0n },
      encodePacked(['address', 'address', 'uint256'], [tokenA, alice, 100n]),
    );
    expect(again.notices).toEqual([{ kind: 'deposited', token: tokenA, account: alice, amount: '100' }]);
    expect(app.ledger.balanceOf(tokenA, alice, T0).available).toBe(100n);
  });

  it('runs a stream, a pool, an instant swap and a streamed order end to end', () => {
    deposit(tokenA, alice, 10n ** 24n);
    deposit(tokenB, alice, 10n ** 24n);
    const opened = call(alice, { functionName: 'stream', args: [tokenA, bob, 3600n, 0n, 3600n] });
    expect(opened.notices[0]).toMatchObject({ kind: 'streamOpened', streamId: '1', start: Number(T0) });
    call(alice, { functionName: 'addLiquidity', args: [tokenA, tokenB, 10n ** 21n, 10n ** 21n, 0n, 0n] });
    expect(app.ledger.balanceOf(lpTokenAddress(tokenA, tokenB), alice, T0).available).toBeGreaterThan(0n);
    const swapped = call(alice, { functionName: 'swap', args: [tokenA, tokenB, 10n ** 18n, 0n, 0n, 0n] }, T0 + 10n);
    expect(swapped.notices[0]).toMatchObject({ kind: 'swapped' });
    const placed = call(alice, { functionName: 'swap', args: [tokenB, tokenA, 10n ** 18n, 0n, 0n, 3600n] }, T0 + 10n);
    expect(placed.notices[0]).toMatchObject({ kind: 'orderPlaced', orderId: '1' });
    const canceled = call(alice, { functionName: 'cancelSwap', args: [1n] }, T0 + 1810n);
    expect(canceled.notices[0]).toMatchObject({ kind: 'orderCanceled', orderId: '1' });
    expect(app.ledger.balanceOf(tokenA, bob, T0 + 1800n).available).toBe(1800n);
  });
});

describe('inspect routes', () => {
  const read = (route: string) => {
    try {
      return inspectRoute(app, route);
    } catch (error) {
      return { error: (error as { code: string }).code };
    }
  };

  it('reads a balance at the last input time by default and at any explicit time', () => {
    deposit(tokenA, alice, 1000n);
    call(alice, { functionName: 'stream', args: [tokenA, bob, 1000n, 0n, 1000n] });
    expect(read(`balance/${tokenA}/${bob}`)).toMatchObject({ at: Number(T0), balance: '0' });
    expect(read(`balance/${tokenA}/${bob}?at=${T0 + 250n}`)).toMatchObject({ balance: '250', available: '250' });
    expect(read(`balance/${tokenA}/${alice}?at=${T0 + 250n}`)).toMatchObject({ balance: '750', available: '0', locked: '750' });
  });

  it('never writes: the digest is the same after every route', () => {
    deposit(tokenA, alice, 1000n);
    const before = app.digest();
    for (const route of ['status', 'tokens', `balances/${alice}`, `streams/${alice}`, 'pools', `orders/${alice}`]) read(route);
    expect(app.digest()).toBe(before);
  });

  it.each([
    ['an unknown route', 'select * from streams', 'UNKNOWN_ROUTE'],
    ['a route with too many segments', `balance/${tokenA}/${alice}/x`, 'UNKNOWN_ROUTE'],
    ['a bad address', `balance/0x12/${alice}`, 'INVALID_PARAMETER'],
    ['a negative time', `balance/${tokenA}/${alice}?at=-1`, 'INVALID_PARAMETER'],
    ['a missing pool', `pool/${tokenA}/${tokenB}`, 'PAIR_NOT_FOUND'],
    ['an unknown stream', 'stream/99', 'STREAM_NOT_FOUND'],
  ])('answers %s with %s', (_name, route, code) => {
    expect(read(route)).toEqual({ error: code });
  });
});
