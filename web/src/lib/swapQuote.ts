import { estimateStreamedSwap, quoteInstantSwap, type PoolView, type SwapQuote } from '@streamswap/protocol';
import { withSlippage } from './liquidity.js';

/** Default slippage tolerance for instant swaps: 0.5%, the Uniswap interface default. */
export const DEFAULT_SLIPPAGE_BPS = 50n;

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
    return { ...q, amountOutMin: withSlippage(q.amountOut, slippageBps), kind: 'instant' };
  }
  const q = estimateStreamedSwap({ reserveIn, reserveOut, saleRateInX64: BigInt(pool.saleRateAX64), saleRateOutX64: BigInt(pool.saleRateBX64), amountIn, duration });
  return { ...q, amountOutMin: 0n, kind: 'order' };
}
