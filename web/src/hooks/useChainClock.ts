import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { usePublicClient } from 'wagmi';
import { CLOCK_POLL_MS } from '../config/env.js';
import type { ChainClock } from '../lib/chainClock.js';
import { clockStore } from './clockStore.js';
import { nodeHealth } from './nodeHealth.js';

/** Keeps the chain clock anchored on the latest block; mount once near the root. */
export function useChainClockSync(): void {
  const client = usePublicClient();
  useQuery({
    queryKey: ['chainClock'],
    enabled: !!client,
    refetchInterval: () => nodeHealth.pollMs(CLOCK_POLL_MS),
    retry: false,
    queryFn: async () => {
      const block = await client!.getBlock({ blockTag: 'latest' }).catch((error: unknown) => {
        nodeHealth.fail();
        throw error;
      });
      const next: ChainClock = { blockTimestamp: block.timestamp, observedAtMs: Date.now() };
      const previous = clockStore.get();
      // never let displayed time run backwards when a new anchor is a little behind our extrapolation
      if (!previous || next.blockTimestamp * 1000n > previous.blockTimestamp * 1000n + BigInt(Date.now() - previous.observedAtMs) - 1500n) clockStore.set(next);
      return next.blockTimestamp.toString();
    },
  });
}

export function useChainClock(): ChainClock | null {
  return useSyncExternalStore(clockStore.subscribe, clockStore.get);
}
