import type { ClipboardEvent } from 'react';
import { exactAmount, formatAmount } from '../lib/format.js';

export interface AmountProps {
  value: bigint;
  decimals: number;
  symbol?: string | undefined;
  testId?: string | undefined;
  className?: string | undefined;
  /** narrows the fraction budget for tight spots (see formatAmount) */
  maxFractionDigits?: number | undefined;
}

/**
 * Every amount on screen: the one formatter's text, the exact value on hover (title) and in what is
 * copied, `data-value` = the exact decimal string, `data-base-units` = the integer in base units.
 */
export function Amount({ value, decimals, symbol, testId, className, maxFractionDigits }: AmountProps) {
  const exact = exactAmount(value, decimals);
  const exactText = symbol ? `${exact} ${symbol}` : exact;
  const onCopy = (e: ClipboardEvent<HTMLSpanElement>) => {
    // only when the selection lies inside this amount: a wider selection copies as the browser sees it
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !e.currentTarget.contains(selection.anchorNode) || !e.currentTarget.contains(selection.focusNode)) return;
    e.clipboardData.setData('text/plain', exact);
    e.preventDefault();
  };
  return (
    <span className={className ? `num amount ${className}` : 'num amount'} title={exactText} data-value={exact} data-base-units={value.toString()} data-testid={testId} onCopy={onCopy}>
      {formatAmount(value, decimals, maxFractionDigits)}
      {symbol ? ` ${symbol}` : null}
    </span>
  );
}
