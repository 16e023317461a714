import { parseUnits } from 'viem';

/**
 * The slippage tolerance: how far below the quoted output the user still accepts, in basis points.
 * Typed as a percentage ("0.5"); parsed with viem's decimal parser (2 decimals = basis points), never floats.
 */
export const SLIPPAGE_PRESETS_BPS = [10n, 50n, 100n] as const;
/** 0.5%, the Uniswap interface default. */
export const DEFAULT_SLIPPAGE_BPS = 50n;
/** Above 50% a "minimum" protects nothing. */
export const MAX_SLIPPAGE_BPS = 5_000n;
/** Above 5% a trade can lose a lot to price moves between quote and execution: say so. */
export const HIGH_SLIPPAGE_BPS = 500n;
/** Below 0.05% an order fails on the smallest move: say so. */
export const LOW_SLIPPAGE_BPS = 5n;

export type SlippageCheck =
  | { ok: true; bps: bigint; note: 'high' | 'low' | null }
  | { ok: false; reason: 'invalid' | 'tooManyDecimals' | 'zero' | 'tooHigh' };

export function parseSlippage(text: string): SlippageCheck {
  const t = text.trim().replace(/%$/, '').trim();
  if (!/^(\d+\.?\d*|\.\d+)$/.test(t)) return { ok: false, reason: 'invalid' };
  if ((t.split('.')[1] ?? '').length > 2) return { ok: false, reason: 'tooManyDecimals' };
  const bps = parseUnits(t.startsWith('.') ? `0${t}` : t, 2);
  if (bps === 0n) return { ok: false, reason: 'zero' };
  if (bps > MAX_SLIPPAGE_BPS) return { ok: false, reason: 'tooHigh' };
  return { ok: true, bps, note: bps > HIGH_SLIPPAGE_BPS ? 'high' : bps < LOW_SLIPPAGE_BPS ? 'low' : null };
}

/** A minimum after the tolerance, rounded down (the user never gets less than they were shown). */
export function minimumAfterSlippage(amount: bigint, bps: bigint): bigint {
  return (amount * (10_000n - bps)) / 10_000n;
}
