import { useSyncExternalStore } from 'react';
import { backoffMs } from '../lib/backoff.js';

export interface NodeHealth {
  /** failed reads in a row (0: the node answers) */
  failures: number;
  /** wall time (ms) of the last good read: the age of what the screen shows */
  lastOkAt: number | null;
  /** wall time (ms) of the next try after a failure */
  nextTryAt: number | null;
}

let state: NodeHealth = { failures: 0, lastOkAt: null, nextTryAt: null };
const listeners = new Set<() => void>();
const recoveredListeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/**
 * Whether the node answers, fed by every live read. Polling backs off exponentially while it does
 * not (1 s, 2 s, 4 s … 30 s, shared by all reads, not a storm of retries), and recovery is announced.
 */
export const nodeHealth = {
  get: () => state,
  ok() {
    const wasDown = state.failures > 0;
    state = { failures: 0, lastOkAt: Date.now(), nextTryAt: null };
    emit();
    if (wasDown) recoveredListeners.forEach((l) => l());
  },
  fail() {
    const failures = state.failures + 1;
    state = { ...state, failures, nextTryAt: Date.now() + backoffMs(failures) };
    emit();
  },
  /** The poll interval to use now: the normal one while healthy, the backoff while failing. */
  pollMs: (normalMs: number) => (state.failures > 0 ? backoffMs(state.failures) : normalMs),
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  onRecovered(l: () => void): () => void {
    recoveredListeners.add(l);
    return () => {
      recoveredListeners.delete(l);
    };
  },
};

export function useNodeHealth(): NodeHealth {
  return useSyncExternalStore(nodeHealth.subscribe, nodeHealth.get);
}
