import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { nodeHealth, useNodeHealth } from '../hooks/nodeHealth.js';
import { toast } from '../hooks/toastStore.js';
import { copy } from '../lib/copy.js';
import { testIds } from '../lib/testIds.js';

const clockTime = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * A visible banner while the node does not answer: how old the figures on screen are, when the next
 * (backed-off) try is, and a button to try now. Recovery is announced with a toast.
 */
export function NodeBanner() {
  const health = useNodeHealth();
  const queryClient = useQueryClient();
  const [now, setNow] = useState(() => Date.now());
  const down = health.failures > 0;
  useEffect(() => {
    if (!down) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [down]);
  useEffect(() => nodeHealth.onRecovered(() => toast({ severity: 'info', title: copy.node.restoredTitle, message: copy.node.restored })), []);
  if (!down) return null;
  const wait = health.nextTryAt === null ? 0 : Math.max(0, Math.ceil((health.nextTryAt - now) / 1000));
  return (
    <div className="node-banner" role="alert" data-testid={testIds.node.banner} data-failures={health.failures}>
      <span>
        <strong>{copy.node.lost}</strong> {health.lastOkAt !== null ? copy.node.stale(clockTime(health.lastOkAt)) : null} {wait > 0 ? copy.node.retryIn(wait) : copy.node.retrying}
      </span>
      <button type="button" className="secondary small" onClick={() => void queryClient.refetchQueries({ type: 'active', predicate: (q) => q.queryKey[0] !== 'addressBook' })}>
        {copy.node.retryNow}
      </button>
    </div>
  );
}
