import { quoteViewSchema, type QuoteView } from '@streamswap/protocol';
import type { Address } from 'viem';
import { useInspect } from './useInspect.js';

/**
 * The node's quote for exactly this swap (`quote/<in>/<out>/<amountIn>?duration=`): exact for an
 * instant swap, projected over the pool's real order schedule for a DCA order. Null until the
 * node answered for these very inputs (a previous answer for another amount is not shown as this one's).
 */
export function useNodeQuote(tokenIn: Address | undefined, tokenOut: Address | undefined, amountIn: bigint | null, duration: bigint): QuoteView | null {
  const route = tokenIn && tokenOut && tokenIn !== tokenOut && amountIn !== null && amountIn > 0n ? `quote/${tokenIn}/${tokenOut}/${amountIn}?duration=${duration}` : null;
  const q = useInspect(route, quoteViewSchema);
  const d = q.data;
  if (!route || !d || q.isError) return null;
  if (d.tokenIn.toLowerCase() !== tokenIn!.toLowerCase() || d.tokenOut.toLowerCase() !== tokenOut!.toLowerCase()) return null;
  if (BigInt(d.amountIn) !== amountIn || BigInt(d.duration) !== duration) return null;
  return d;
}
