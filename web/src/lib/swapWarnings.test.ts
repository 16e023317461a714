import { describe, expect, it } from 'vitest';
import { shortfallBps, swapWarnings, type SwapWarningInput } from './swapWarnings.js';

const base: SwapWarningInput = { amountIn: 1_000n, expectedOut: 2_000n, priceImpactBps: 10, kind: 'instant', slippageNote: null, limitAboveExpected: false, symbolIn: 'tCTSI', symbolOut: 'tUSD' };

describe('swapWarnings', () => {
  it('says nothing about an ordinary swap', () => {
    expect(swapWarnings(base)).toEqual([]);
  });
  it('blocks a swap whose output rounds to nothing, naming both tokens', () => {
    const [w] = swapWarnings({ ...base, expectedOut: 0n });
    expect(w).toMatchObject({ id: 'zeroOutput', severity: 'error', blocks: true });
    expect(w!.message).toContain('tCTSI');
    expect(w!.message).toContain('tUSD');
  });
  it('warns from 3% price impact and asks for an explicit confirmation from 5%', () => {
    expect(swapWarnings({ ...base, priceImpactBps: 299 })).toEqual([]);
    expect(swapWarnings({ ...base, priceImpactBps: 300 })[0]).toMatchObject({ id: 'priceImpact', severity: 'warning', needsConfirm: false });
    const strong = swapWarnings({ ...base, priceImpactBps: 512 })[0]!;
    expect(strong).toMatchObject({ severity: 'error', needsConfirm: true, blocks: false });
    expect(strong.message).toContain('5.12%');
  });
  it('blocks a DCA order whose limit is above its expected average (the back-end would reject it)', () => {
    expect(swapWarnings({ ...base, kind: 'order', limitAboveExpected: true })[0]).toMatchObject({ id: 'limitAboveExpected', blocks: true });
  });
  it('notes a risky or a tight slippage tolerance', () => {
    expect(swapWarnings({ ...base, slippageNote: 'high' })[0]!.id).toBe('slippageHigh');
    expect(swapWarnings({ ...base, slippageNote: 'low' })[0]!.id).toBe('slippageLow');
  });
  it('warns when a DCA order is expected to average well below today\'s price, whatever its per-second impact', () => {
    const order = { ...base, kind: 'order' as const, priceImpactBps: 1 };
    expect(swapWarnings({ ...order, belowMarketBps: 299 })).toEqual([]);
    expect(swapWarnings({ ...order, belowMarketBps: 350 })[0]).toMatchObject({ id: 'belowMarket', severity: 'warning', needsConfirm: false });
    expect(swapWarnings({ ...order, belowMarketBps: 9_800 })[0]).toMatchObject({ id: 'belowMarket', severity: 'error', needsConfirm: true });
    expect(swapWarnings({ ...base, belowMarketBps: 9_800 })).toEqual([]); // instant swaps have their own impact
  });
});

describe('shortfallBps', () => {
  it('measures how far below the spot output an expectation is', () => {
    expect(shortfallBps(9_500n, 10_000n)).toBe(500);
    expect(shortfallBps(10_100n, 10_000n)).toBe(0);
    expect(shortfallBps(1n, 0n)).toBe(0);
  });
});
