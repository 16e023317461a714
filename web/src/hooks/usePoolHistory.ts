import { historyViewSchema } from '@streamswap/protocol';
import type { Address } from 'viem';
import { rangeFrom, type ChartRange } from '../lib/chartSeries.js';
import { useInspect } from './useInspect.js';
import { useChainNowMs } from './useNow.js';

/**
 * A pair's history over a chart range ending now. `from` and `to` are rounded to the minute so the
 * query key (and its cache, shared by the headline figures and the charts) stays put between polls.
 */
export function usePoolHistory(tokenA: Address, tokenB: Address, range: ChartRange) {
  const nowMs = useChainNowMs(false) ?? BigInt(Date.now());
  const now = nowMs / 1000n;
  const from = (rangeFrom(range, now) / 60n) * 60n;
  const to = (now / 60n + 61n) * 60n;
  const query = useInspect(`history/${tokenA}/${tokenB}?from=${from}&to=${to}`, historyViewSchema, { withAt: false, pollMs: 5_000 });
  const fresh = query.data && query.data.tokenA.toLowerCase() === tokenA.toLowerCase() && query.data.tokenB.toLowerCase() === tokenB.toLowerCase() ? query.data : undefined;
  return { history: fresh, from, now, query };
}
