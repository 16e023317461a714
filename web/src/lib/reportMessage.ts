import { errorViewSchema } from '@streamswap/protocol';
import { hexToString, type Hex } from 'viem';
import { rejectionWords, type RejectionWords, type TokenLookup } from './rejectionWords.js';

/** Without the app's token list: amounts stay in base units, addresses are shortened. */
const unknownToken: TokenLookup = (address) => ({ symbol: address.slice(0, 8), decimals: 0 });

/**
 * The app's rejection from the reports of an input (newest last): the last report that is the app's
 * `{"error":{"code","message"}}`, in words; null when none is.
 */
export function rejectionFromReportsWords(reports: readonly Hex[], token: TokenLookup = unknownToken): RejectionWords | null {
  for (const raw of [...reports].reverse()) {
    try {
      const parsed = errorViewSchema.safeParse(JSON.parse(hexToString(raw)));
      if (parsed.success) return rejectionWords(parsed.data.error.code, parsed.data.error.message, token);
    } catch {
      // not JSON: look at the previous report
    }
  }
  return null;
}

/** The one-line words for a rejected input ('' when no report is the app's error). */
export function rejectionFromReports(reports: readonly Hex[], token: TokenLookup = unknownToken): string {
  return rejectionFromReportsWords(reports, token)?.sentence ?? '';
}
