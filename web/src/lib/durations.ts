/** Durations in seconds, with the reason for each preset: the lengths people actually stream for. */
export const MINUTE = 60n;
export const HOUR = 3_600n;
export const DAY = 86_400n;
/** "Per month" in previews means 30 days, the unit salaries and subscriptions are quoted in. */
export const MONTH = 30n * DAY;

export const STREAM_DURATION_PRESETS = [
  { label: '1 hour', seconds: HOUR },
  { label: '1 day', seconds: DAY },
  { label: '1 week', seconds: 7n * DAY },
  { label: '30 days', seconds: MONTH },
] as const;

/** Steps of the DCA slider: index 0 is an instant swap, the last is the 30-day cap. */
export const DCA_STEPS = [
  { label: 'Instant', seconds: 0n },
  { label: '5 min', seconds: 5n * MINUTE },
  { label: '1 hour', seconds: HOUR },
  { label: '6 hours', seconds: 6n * HOUR },
  { label: '1 day', seconds: DAY },
  { label: '3 days', seconds: 3n * DAY },
  { label: '7 days', seconds: 7n * DAY },
  { label: '14 days', seconds: 14n * DAY },
  { label: '30 days', seconds: MONTH },
] as const;

export const CUSTOM_DURATION_UNITS = [
  { label: 'minutes', seconds: MINUTE },
  { label: 'hours', seconds: HOUR },
  { label: 'days', seconds: DAY },
] as const;
