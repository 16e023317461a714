import { amountAfterFee, estimateStreamedSwap, quoteInstantSwap, type PoolView, type SwapQuote } from '@streamswap/protocol';
import { DEFAULT_SLIPPAGE_BPS, minimumAfterSlippage } from './slippage.js';

export { DEFAULT_SLIPPAGE_BPS };

export interface SwapPreview extends SwapQuote {
  /** amountOut minus slippage for instant swaps; 0 for DCA orders (their output depends on future flows) */
  amountOutMin: bigint;
  kind: 'instant' | 'order';
}

/**
 * A swap quote from the pool's current state (pool view asked as tokenIn/tokenOut), with the
 * protocol's own AMM math, so the form needs no round trip per keystroke.
 */
export function previewSwap(pool: Pick<PoolView, 'reserveA' | 'reserveB' | 'saleRateAX64' | 'saleRateBX64'>, amountIn: bigint, duration: bigint, slippageBps = DEFAULT_SLIPPAGE_BPS): SwapPreview | null {
  const reserveIn = BigInt(pool.reserveA);
  const reserveOut = BigInt(pool.reserveB);
  if (amountIn <= 0n || reserveIn === 0n || reserveOut === 0n) return null;
  if (duration === 0n) {
    const q = quoteInstantSwap(amountIn, reserveIn, reserveOut);
    return { ...q, amountOutMin: minimumAfterSlippage(q.amountOut, slippageBps), kind: 'instant' };
  }
  const q = estimateStreamedSwap({ reserveIn, reserveOut, saleRateInX64: BigInt(pool.saleRateAX64), saleRateOutX64: BigInt(pool.saleRateBX64), amountIn, duration });
  // The closed-form estimate extrapolates every current flow over the whole duration, but other
  // orders usually end sooner (a 30-minute order projected over a day adds 48x its size). A DCA order
  // aims at the average price over its life, so the honest headline is the current price after fee.
  const atSpot = (amountAfterFee(amountIn) * reserveOut) / reserveIn;
  return { amountOut: atSpot, fee: q.fee, priceImpactBps: q.priceImpactBps, amountOutMin: 0n, kind: 'order' };
}
