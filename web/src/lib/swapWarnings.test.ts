import { describe, expect, it } from 'vitest';
import { swapWarnings, type SwapWarningInput } from './swapWarnings.js';

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
});
