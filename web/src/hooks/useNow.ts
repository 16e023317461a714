import { useEffect, useState } from 'react';
import { chainNowMs } from '../lib/chainClock.js';
import { useChainClock } from './useChainClock.js';

/** Redraw period of ticking numbers: ~13 fps is smooth for digits and cheap. */
const TICK_MS = 75;

/**
 * Chain time in milliseconds, re-rendering about every 75 ms through requestAnimationFrame while
 * `active` (only when something on screen actually moves), else on clock re-anchors only.
 */
export function useChainNowMs(active: boolean): bigint | undefined {
  const clock = useChainClock();
  const [wall, setWall] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    let frame = 0;
    let last = 0;
    const loop = (ts: number) => {
      if (ts - last >= TICK_MS) {
        last = ts;
        setWall(Date.now());
      }
      frame = requestAnimationFrame(loop);
    };
    frame = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(frame);
  }, [active]);
  if (!clock) return undefined;
  return chainNowMs(clock, active ? wall : Date.now());
}
