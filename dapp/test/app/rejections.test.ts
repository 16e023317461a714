import { lpTokenAddress } from '@streamswap/protocol';
import { getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { inspectRoute } from '../../src/inspect/inspectRoute.js';
import type { SqliteBinding } from '../../src/storage/openDatabase.js';
import { AppDriver } from './appDriver.js';

const TKA = getAddress('0x1000000000000000000000000000000000000001');
const TKB = getAddress('0x2000000000000000000000000000000000000002');
const ALICE = getAddress('0xa11ce00000000000000000000000000000000001');
const BOB = getAddress('0xb0b0000000000000000000000000000000000002');
const T0 = 1_700_000_000n;
const E18 = 10n ** 18n;

const readCode = (d: AppDriver, route: string) => {
  try {
    inspectRoute(d.app, route);
    return 'ANSWERED';
  } catch (error) {
    return (error as { code?: string }).code ?? `THREW ${String(error)}`;
  }
};

/** A driver with one stream (id 1) and one order (id 1), so that small ids exist and large ones must not. */
function withStreamAndOrder(binding: SqliteBinding): AppDriver {
  const d = new AppDriver(binding);
  for (const tok of [TKA, TKB]) d.depositErc20(tok, ALICE, 1000n * E18, T0);
  expect(d.call(ALICE, { functionName: 'stream', args: [TKA, BOB, E18, 0n, 100n] }, T0).ok).toBe(true);
  expect(d.call(ALICE, { functionName: 'addLiquidity', args: [TKA, TKB, 100n * E18, 100n * E18, 0n, 0n] }, T0).ok).toBe(true);
  expect(d.call(ALICE, { functionName: 'swap', args: [TKA, TKB, E18, 0n, 0n, 100n] }, T0).ok).toBe(true);
  return d;
}

const HUGE_IDS = [2n ** 63n - 1n, 2n ** 63n, 2n ** 64n, 2n ** 256n - 1n];

describe.each(['better', 'wasm'] as const)('ids beyond SQLite integers (%s binding)', (binding) => {
  it('answers STREAM_NOT_FOUND / ORDER_NOT_FOUND for cancels of ids of 2^63 or more, changing nothing', () => {
    const d = withStreamAndOrder(binding);
    for (const id of [0n, ...HUGE_IDS]) {
      const before = d.app.digest();
      expect(d.call(ALICE, { functionName: 'cancelStream', args: [id] }, T0 + 1n)).toMatchObject({ ok: false, code: 'STREAM_NOT_FOUND' });
      expect(d.call(ALICE, { functionName: 'cancelSwap', args: [id] }, T0 + 1n)).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
      expect(d.app.digest()).toBe(before);
    }
    expect(d.call(ALICE, { functionName: 'cancelStream', args: [1n] }, T0 + 1n).ok).toBe(true);
    expect(d.call(ALICE, { functionName: 'cancelSwap', args: [1n] }, T0 + 1n).ok).toBe(true);
  });

  it('answers the inspect routes stream/<id> and order/<id> with not-found codes for ids of 2^63 or more', () => {
    const d = withStreamAndOrder(binding);
    for (const id of HUGE_IDS) {
      expect(readCode(d, `stream/${id}`)).toBe('STREAM_NOT_FOUND');
      expect(readCode(d, `order/${id}`)).toBe('ORDER_NOT_FOUND');
    }
    expect(readCode(d, 'stream/1')).toBe('ANSWERED');
    expect(readCode(d, 'order/1')).toBe('ANSWERED');
  });
});

describe('portal deposits of in-app tokens', () => {
  it('refuses a deposit whose token is an LP token with TOKEN_NOT_WITHDRAWABLE and changes nothing', () => {
    const d = withStreamAndOrder('better');
    const lp = lpTokenAddress(TKA, TKB);
    const supply = () => (inspectRoute(d.app, 'tokens') as { tokens: { token: string; totalSupply: string }[] }).tokens.find((t) => t.token === lp)?.totalSupply;
    const before = { digest: d.app.digest(), supply: supply() };
    const refused = d.depositErc20(lp, BOB, 10n ** 30n, T0 + 1n);
    expect(refused).toMatchObject({ ok: false, code: 'TOKEN_NOT_WITHDRAWABLE' });
    expect(refused.ok ? '' : refused.message).toContain('cannot be deposited');
    expect({ digest: d.app.digest(), supply: supply() }).toEqual(before);
    // the same address is an ordinary token before any pool makes it an LP token: nothing to refuse then
    expect(new AppDriver('better').depositErc20(lp, BOB, 1n, T0)).toMatchObject({ ok: true });
  });
});
