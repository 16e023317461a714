import type { ChainClock } from '../lib/chainClock.js';
import { chainNowSeconds } from '../lib/chainClock.js';

/**
 * The chain clock lives outside React so that query functions (inspect `?at=`) and the ticking
 * components read the same anchor without re-rendering the tree when it moves.
 */
let clock: ChainClock | null = null;
const listeners = new Set<() => void>();

export const clockStore = {
  get: () => clock,
  set(next: ChainClock) {
    clock = next;
    for (const l of listeners) l();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** chain seconds now, or undefined before the first block is seen */
  nowSeconds: (): bigint | undefined => (clock ? chainNowSeconds(clock, Date.now()) : undefined),
};
