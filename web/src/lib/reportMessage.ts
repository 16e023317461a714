import { errorViewSchema } from '@streamswap/protocol';
import { hexToString, type Hex } from 'viem';
import { appErrorWords } from './errors.js';

/**
 * The words for a rejected input from its reports (newest last): the last report that is the app's
 * `{"error":{"code","message"}}`, translated; '' when none is.
 */
export function rejectionFromReports(reports: readonly Hex[]): string {
  for (const raw of [...reports].reverse()) {
    try {
      const parsed = errorViewSchema.safeParse(JSON.parse(hexToString(raw)));
      if (parsed.success) return appErrorWords(parsed.data.error.code, parsed.data.error.message);
    } catch {
      // not JSON: look at the previous report
    }
  }
  return '';
}
