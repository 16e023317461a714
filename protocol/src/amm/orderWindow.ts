/**
 * When a streamed order runs: the order-block interval (Paradigm's TWAMM bounds its execution points the same
 * way). Executing a pair costs one closed-form segment per instant where an aggregate sale rate changes, so the
 * instants where orders may start or end in the future are a grid of ORDER_INTERVAL seconds: an execution
 * crossing a day crosses at most 1,440 such instants, however many orders start or end in it (10,000 orders
 * ending within a day share at most 1,440 execution points instead of 10,000).
 *
 * What a user gets: an order starting now starts at once (no point is needed: the pair is executed up to now
 * when it is placed) and runs at least the duration asked for, ending at the first grid instant at or after
 * now + duration (at most ORDER_INTERVAL - 1 seconds later). An order asked to start later starts at the first
 * grid instant at or after that time and ends at the first grid instant at or after its start + duration.
 * Cancels and limit stops still happen at any second (they happen at an execution, not on the schedule). The
 * grid changes when orders end, never what they are paid: each order is still executed exactly (the closed form
 * per segment), and touching a pool more often still gives the same proceeds.
 */

/** The grid of order starts and ends, in seconds (one minute: ends to the minute, 1,440 points a day at most). */
export const ORDER_INTERVAL = 60n;

/** The first multiple of `interval` at or after t (t >= 0). */
export function alignUp(t: bigint, interval: bigint = ORDER_INTERVAL): bigint {
  const r = t % interval;
  return r === 0n ? t : t + (interval - r);
}

/** An order's running window: it sells from `start` to `end` (end > start). */
export interface OrderWindow {
  start: bigint;
  end: bigint;
}

/**
 * The window of an order placed at `now` asking to start at `requestedStart` (0 or `now`: at once) and to run
 * `duration` seconds (> 0). Callers check that requestedStart is not in the past and the bounds of the result.
 */
export function orderWindow(now: bigint, requestedStart: bigint, duration: bigint, interval: bigint = ORDER_INTERVAL): OrderWindow {
  if (duration <= 0n) throw new RangeError(`An order needs a positive duration, got ${duration}.`);
  const start = requestedStart === 0n || requestedStart <= now ? now : alignUp(requestedStart, interval);
  return { start, end: alignUp(start + duration, interval) };
}
