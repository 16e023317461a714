import { copy } from './copy.js';
import { formatBps } from './format.js';
import type { Warning } from './warning.js';

/** Thresholds in basis points, as in the Uniswap interface: 3% deserves a look, 5% a stop sign. */
export const PRICE_IMPACT_WARN_BPS = 300;
export const PRICE_IMPACT_HIGH_BPS = 500;

export function priceImpactWarning(priceImpactBps: number): Warning | null {
  if (priceImpactBps >= PRICE_IMPACT_HIGH_BPS) {
    return { severity: 'error', title: copy.warning.veryHighImpactTitle, message: copy.warning.veryHighImpact(formatBps(priceImpactBps)) };
  }
  if (priceImpactBps >= PRICE_IMPACT_WARN_BPS) {
    return { severity: 'warning', title: copy.warning.highImpactTitle, message: copy.warning.highImpact(formatBps(priceImpactBps)) };
  }
  return null;
}
