import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { INSPECT_POLL_MS } from '../config/env.js';
import { inspect } from '../node/inspect.js';
import { pushConnected } from '../node/push.js';
import { useBook } from './BookContext.js';
import { clockStore } from './clockStore.js';

/**
 * Live state from inspect, re-read every few seconds at chain time (`at` = chain now), validated with
 * the protocol's zod schema. Key prefix 'inspect' lets writers invalidate all of it after an input is processed.
 */
export function useInspect<T>(route: string | null, schema: z.ZodType<T>, options: { withAt?: boolean; pollMs?: number } = {}) {
  const book = useBook();
  const withAt = options.withAt ?? true;
  return useQuery<T, Error>({
    queryKey: ['inspect', route],
    enabled: route !== null,
    // While the reader's push channel is open, each processed input invalidates these queries (main.tsx): no timer.
    refetchInterval: () => (pushConnected() ? false : (options.pollMs ?? INSPECT_POLL_MS)),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => {
      const now = clockStore.nowSeconds();
      const full = withAt && now !== undefined ? `${route}${route!.includes('?') ? '&' : '?'}at=${now}` : route!;
      return inspect(book.applicationName, full, schema, signal);
    },
  });
}
