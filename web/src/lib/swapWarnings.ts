import { copy } from './copy.js';
import { formatBps } from './format.js';
import { PRICE_IMPACT_HIGH_BPS, PRICE_IMPACT_WARN_BPS } from './priceImpact.js';
import type { Warning } from './warning.js';

export interface SwapWarning extends Warning {
  /** stable id (test ids, React keys) */
  id: 'zeroOutput' | 'priceImpact' | 'belowMarket' | 'slippageHigh' | 'slippageLow' | 'limitAboveExpected';
  /** the user must tick "I understand" before the primary button works */
  needsConfirm: boolean;
  /** the form cannot be sent at all (the back-end would refuse it) */
  blocks: boolean;
}

export interface SwapWarningInput {
  amountIn: bigint;
  /** expected output (exact for instant, the node's projection or the spot estimate for DCA) */
  expectedOut: bigint;
  priceImpactBps: number;
  kind: 'instant' | 'order';
  slippageNote: 'high' | 'low' | null;
  /**
   * DCA only: how far the node's projected output is below the same amount at today's price (after
   * fee), in basis points. Per-second impact stays tiny however large the order; this is what it costs.
   */
  belowMarketBps?: number;
  /** the limit price is above the expected average: the back-end rejects such an order at submission */
  limitAboveExpected: boolean;
  symbolIn: string;
  symbolOut: string;
}

/**
 * Every warning of the swap form, most serious first. Pure data, as the Uniswap interface does it:
 * the screen renders them with one component and takes `needsConfirm`/`blocks` at their word.
 */
export function swapWarnings(i: SwapWarningInput): SwapWarning[] {
  const out: SwapWarning[] = [];
  if (i.amountIn > 0n && i.expectedOut === 0n) {
    out.push({ id: 'zeroOutput', severity: 'error', title: copy.swapWarning.zeroOutputTitle, message: copy.swapWarning.zeroOutput(i.symbolIn, i.symbolOut), needsConfirm: false, blocks: true });
  }
  if (i.limitAboveExpected) {
    out.push({ id: 'limitAboveExpected', severity: 'error', title: copy.swapWarning.limitAboveTitle, message: copy.swapWarning.limitAbove, needsConfirm: false, blocks: true });
  }
  const pct = formatBps(i.priceImpactBps);
  const where = i.kind === 'order' ? copy.swapWarning.perSecond : '';
  if (i.priceImpactBps >= PRICE_IMPACT_HIGH_BPS) {
    out.push({ id: 'priceImpact', severity: 'error', title: copy.warning.veryHighImpactTitle, message: copy.swapWarning.veryHighImpact(pct, where), needsConfirm: true, blocks: false });
  } else if (i.priceImpactBps >= PRICE_IMPACT_WARN_BPS) {
    out.push({ id: 'priceImpact', severity: 'warning', title: copy.warning.highImpactTitle, message: copy.swapWarning.highImpact(pct, where), needsConfirm: false, blocks: false });
  }
  const below = i.kind === 'order' ? (i.belowMarketBps ?? 0) : 0;
  if (below >= PRICE_IMPACT_HIGH_BPS) {
    out.push({ id: 'belowMarket', severity: 'error', title: copy.swapWarning.belowMarketTitle, message: copy.swapWarning.belowMarketHigh(formatBps(below)), needsConfirm: true, blocks: false });
  } else if (below >= PRICE_IMPACT_WARN_BPS) {
    out.push({ id: 'belowMarket', severity: 'warning', title: copy.swapWarning.belowMarketTitle, message: copy.swapWarning.belowMarket(formatBps(below)), needsConfirm: false, blocks: false });
  }
  if (i.slippageNote === 'high') out.push({ id: 'slippageHigh', severity: 'warning', title: copy.swapWarning.slippageHighTitle, message: copy.swapWarning.slippageHigh, needsConfirm: false, blocks: false });
  if (i.slippageNote === 'low') out.push({ id: 'slippageLow', severity: 'info', title: copy.swapWarning.slippageLowTitle, message: copy.swapWarning.slippageLow, needsConfirm: false, blocks: false });
  return out;
}

/** How far `expected` is below `atSpot`, in basis points (0 when it is not below). */
export function shortfallBps(expected: bigint, atSpot: bigint): number {
  if (atSpot <= 0n || expected >= atSpot) return 0;
  return Number(((atSpot - expected) * 10_000n) / atSpot);
}
