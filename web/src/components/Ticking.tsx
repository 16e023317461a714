import { formatFixed, tickingFractionDigits } from '../lib/format.js';
import { ratePerSecond, tickAt, type LinearValue } from '../lib/ticking.js';
import { useChainNowMs } from '../hooks/useNow.js';

/** A balance that moves in the browser between inspect reads, from its rate, at chain time. */
export function Ticking({ linear, decimals, testId }: { linear: LinearValue; decimals: number; testId?: string }) {
  const moving = linear.rateX64 !== 0n;
  const now = useChainNowMs(moving);
  const value = now === undefined ? linear.value : tickAt(linear, now);
  const digits = moving ? tickingFractionDigits(ratePerSecond(linear.rateX64) || 1n, decimals) : Math.min(4, decimals);
  return (
    <span className={moving ? 'num ticking' : 'num'} data-testid={testId} data-value={value.toString()}>
      {formatFixed(value, decimals, digits)}
    </span>
  );
}
