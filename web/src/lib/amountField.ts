import { copy } from './copy.js';
import { parseAmount } from './format.js';

export type AmountCheck =
  | { state: 'empty' }
  | { state: 'invalid'; message: string }
  | { state: 'insufficient'; value: bigint; message: string }
  | { state: 'ok'; value: bigint };

/** Validates an amount field against a limit (available balance, wallet balance...). */
export function checkAmount(text: string, decimals: number, limit: bigint | undefined, overLimitMessage: string = copy.amount.exceedsAvailable): AmountCheck {
  const parsed = parseAmount(text, decimals);
  if (!parsed.ok) {
    if (parsed.reason === 'empty') return { state: 'empty' };
    const message = parsed.reason === 'tooManyDecimals' ? copy.amount.tooManyDecimals(decimals) : parsed.reason === 'zero' ? copy.amount.zero : copy.amount.invalid;
    return { state: 'invalid', message };
  }
  if (limit !== undefined && parsed.value > limit) return { state: 'insufficient', value: parsed.value, message: overLimitMessage };
  return { state: 'ok', value: parsed.value };
}
