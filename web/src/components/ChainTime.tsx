import { useChainClock } from '../hooks/useChainClock.js';
import { formatDateTime } from '../lib/format.js';
import { testIds } from '../lib/testIds.js';

export function ChainTime() {
  const clock = useChainClock();
  if (!clock) return null;
  return (
    <span className="muted small" data-testid={testIds.node.chainTime} data-value={clock.blockTimestamp.toString()}>
      Chain time {formatDateTime(clock.blockTimestamp)}
    </span>
  );
}
