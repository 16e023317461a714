import { useEffect, useState } from 'react';

export const SCREENS = ['portfolio', 'streams', 'swap', 'pool', 'activity'] as const;
export type Screen = (typeof SCREENS)[number];

function read(): Screen {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : 'portfolio';
}

/** Hash routing: a static bundle served from any path, and screens linkable for screenshots and tests. */
export function useRoute(): Screen {
  const [screen, setScreen] = useState(read);
  useEffect(() => {
    const on = () => setScreen(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return screen;
}
