/**
 * The unit a rate is shown in, chosen from the duration it runs over: a 5-minute order sells "per
 * minute", a day-long one "per hour", a month-long one "per day". A rate per hour of a 5-minute
 * order would be a figure the order never reaches.
 */
export interface RateUnit {
  name: 'second' | 'minute' | 'hour' | 'day';
  seconds: bigint;
}

export const RATE_UNITS: readonly RateUnit[] = [
  { name: 'second', seconds: 1n },
  { name: 'minute', seconds: 60n },
  { name: 'hour', seconds: 3_600n },
  { name: 'day', seconds: 86_400n },
];

/** A unit fits when the duration holds at least this many of it (so "per unit" is a slice, not the whole). */
const MIN_UNITS_PER_DURATION = 5n;

export function rateUnitFor(durationSeconds: bigint): RateUnit {
  let best = RATE_UNITS[0]!;
  for (const unit of RATE_UNITS) if (durationSeconds >= unit.seconds * MIN_UNITS_PER_DURATION) best = unit;
  return best;
}

/** How much of `amount` spread evenly over `durationSeconds` goes by per `unit` (rounded down, never above amount). */
export function amountPerUnit(amount: bigint, durationSeconds: bigint, unit: RateUnit): bigint {
  if (durationSeconds <= 0n) return amount;
  const per = (amount * unit.seconds) / durationSeconds;
  return per > amount ? amount : per;
}
