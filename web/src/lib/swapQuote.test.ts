import { describe, expect, it } from 'vitest';
import { previewSwap } from './swapQuote.js';

const pool = { reserveA: '1000000', reserveB: '2000000', saleRateAX64: '0', saleRateBX64: '0' };

describe('previewSwap', () => {
  it('quotes an instant swap with Uniswap V2 math and 0.5% slippage', () => {
    const q = previewSwap(pool, 1_000n, 0n)!;
    expect(q.kind).toBe('instant');
    expect(q.amountOut).toBe(1_992n); // 1000*997*2e6 / (1e6*1000 + 1000*997)
    expect(q.amountOutMin).toBe(1_982n);
    expect(q.fee).toBe(3n);
  });
  it('shows a large instant swap as high impact and spreading it over a day as low impact', () => {
    const instant = previewSwap(pool, 100_000n, 0n)!;
    const dca = previewSwap(pool, 100_000n, 86_400n)!;
    expect(instant.priceImpactBps).toBeGreaterThanOrEqual(500);
    expect(dca.priceImpactBps).toBeLessThan(10);
    expect(dca.kind).toBe('order');
    expect(dca.amountOutMin).toBe(0n);
  });
  it('headlines a DCA order at the current price after fee, not at flows extrapolated over its whole life', () => {
    const busy = { ...pool, saleRateBX64: (1_000n << 64n).toString() }; // someone sells 1000 B per second right now
    const q = previewSwap(busy, 1_000n, 86_400n)!;
    expect(q.amountOut).toBe(1_994n); // 997 * 2e6 / 1e6
  });
  it('gives no quote without an amount or liquidity', () => {
    expect(previewSwap(pool, 0n, 0n)).toBeNull();
    expect(previewSwap({ ...pool, reserveA: '0' }, 10n, 0n)).toBeNull();
  });
});
