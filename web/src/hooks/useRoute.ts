import { useEffect, useState } from 'react';

export const SCREENS = ['portfolio', 'streams', 'swap', 'pool', 'activity'] as const;
export type Screen = (typeof SCREENS)[number];

/** A screen of the nav, or the own page of one stream or order (shareable: #/stream/12, #/order/3). */
export type Route = { screen: Screen } | { screen: 'stream' | 'order'; id: string };

/** The nav entry a route belongs to (a stream's page lights "Streams"). */
export function navOf(route: Route): Screen {
  return route.screen === 'stream' ? 'streams' : route.screen === 'order' ? 'swap' : route.screen;
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const item = /^(stream|order)\/(\d{1,78})$/.exec(path);
  if (item) return { screen: item[1] as 'stream' | 'order', id: BigInt(item[2]!).toString() };
  return (SCREENS as readonly string[]).includes(path) ? { screen: path as Screen } : { screen: 'portfolio' };
}

/** Hash routing: a static bundle served from any path, and screens linkable for screenshots, tests and sharing. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => {
      setRoute(parseRoute(window.location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
