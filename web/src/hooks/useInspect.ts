import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { INSPECT_POLL_MS } from '../config/env.js';
import { inspect, InspectError } from '../node/inspect.js';
import { PUSH_TIME_POLL_MS, pushConnected } from '../node/push.js';
import { useBook } from './BookContext.js';
import { clockStore } from './clockStore.js';
import { nodeHealth } from './nodeHealth.js';

/**
 * Live state from inspect, re-read every few seconds at chain time (`at` = chain now), validated with
 * the protocol's zod schema. Key prefix 'inspect' lets writers invalidate all of it after an input is processed.
 * A read the node does not answer marks the node as lost: polling then backs off (see nodeHealth) and the
 * last good data stays on screen, marked stale by the banner. An app error (InspectError) is an answer.
 */
export function useInspect<T>(route: string | null, schema: z.ZodType<T>, options: { withAt?: boolean; pollMs?: number } = {}) {
  const book = useBook();
  const withAt = options.withAt ?? true;
  return useQuery<T, Error>({
    queryKey: ['inspect', route],
    enabled: route !== null,
    // While the reader's push channel is open, each processed input invalidates these queries (main.tsx); a slow timer
    // remains for what changes with time alone.
    refetchInterval: () => (pushConnected() ? PUSH_TIME_POLL_MS : nodeHealth.pollMs(options.pollMs ?? INSPECT_POLL_MS)),
    // polling is the retry, with backoff: no burst of immediate retries per query
    retry: false,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const now = clockStore.nowSeconds();
      const full = withAt && now !== undefined ? `${route}${route!.includes('?') ? '&' : '?'}at=${now}` : route!;
      try {
        const result = await inspect(book.applicationName, full, schema, signal, route!);
        nodeHealth.ok();
        return result;
      } catch (error) {
        if (error instanceof InspectError) nodeHealth.ok();
        else if (!signal.aborted) nodeHealth.fail();
        throw error;
      }
    },
  });
}
