import { formatUnits, parseUnits } from 'viem';
import { X64 } from '@streamswap/protocol';

/**
 * The limit price of a DCA order: the lowest average price (tokenOut per whole tokenIn) the owner
 * accepts. The back-end takes it as `minAveragePriceX64` = tokenOut wei per tokenIn wei scaled by 2^64
 * (`swapWithLimit`), stops the order at the first execution point where its average falls below it,
 * and rejects it at submission when the estimate already does.
 */

export type LimitPriceCheck =
  | { state: 'empty' }
  | { state: 'invalid'; reason: 'invalid' | 'tooManyDecimals' | 'zero' }
  | { state: 'ok'; priceX64: bigint };

/** Parses "2.05" (tokenOut per tokenIn) into minAveragePriceX64, rounded up so the limit is never below what was typed. */
export function parseLimitPrice(text: string, decimalsIn: number, decimalsOut: number): LimitPriceCheck {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return { state: 'empty' };
  if (!/^(\d+\.?\d*|\.\d+)$/.test(t)) return { state: 'invalid', reason: 'invalid' };
  if ((t.split('.')[1] ?? '').length > decimalsOut) return { state: 'invalid', reason: 'tooManyDecimals' };
  const perWhole = parseUnits(t.startsWith('.') ? `0${t}` : t, decimalsOut);
  if (perWhole === 0n) return { state: 'invalid', reason: 'zero' };
  const scale = 10n ** BigInt(decimalsIn);
  return { state: 'ok', priceX64: (perWhole * X64 + scale - 1n) / scale };
}

/** minAveragePriceX64 back to a price scaled by 10^18 with decimals applied (for the formatter), rounded down. */
export function limitPriceScaled(priceX64: bigint, decimalsIn: number, decimalsOut: number): bigint {
  return (priceX64 * 10n ** BigInt(decimalsIn) * 10n ** 18n) / (X64 * 10n ** BigInt(decimalsOut));
}

/** Would an order selling `amountIn` for an expected `amountOut` meet the limit on average? (the back-end's submission check) */
export function meetsLimit(amountIn: bigint, amountOut: bigint, priceX64: bigint): boolean {
  return amountOut * X64 >= priceX64 * amountIn;
}

/**
 * A price scaled by 10^18 as text the limit field accepts: at most `decimalsOut` fraction digits,
 * rounded down (a limit a little lower is one the order can still meet).
 */
export function priceText(scaled: bigint, decimalsOut: number): string {
  const drop = 18 - Math.min(18, decimalsOut);
  const kept = (scaled / 10n ** BigInt(drop)) * 10n ** BigInt(drop);
  return formatUnits(kept, 18);
}

/** The average price (scaled by 10^18) of receiving `amountOut` for `amountIn`: the limit that matches a minimum received. */
export function averagePriceOf(amountIn: bigint, amountOut: bigint, decimalsIn: number, decimalsOut: number): bigint {
  if (amountIn === 0n) return 0n;
  return (amountOut * 10n ** BigInt(decimalsIn) * 10n ** 18n) / (amountIn * 10n ** BigInt(decimalsOut));
}
