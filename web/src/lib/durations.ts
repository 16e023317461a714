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

/** What the custom duration field holds: whole seconds, or why the text is not a duration. */
export type DurationText = { ok: true; seconds: bigint } | { ok: false; reason: 'empty' | 'negative' | 'invalid' | 'tooShort' };

/**
 * Reads a custom duration exactly as typed ("1.5" hours is 5,400 s) without floats; the text itself is
 * never changed. Fractions of a second are dropped (a stream runs in whole seconds).
 */
export function parseDurationText(text: string, unitSeconds: bigint): DurationText {
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'empty' };
  if (/^-\s*(\d|\.)/.test(t)) return { ok: false, reason: 'negative' };
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return { ok: false, reason: 'invalid' };
  const whole = BigInt(m[1] || '0');
  const fraction = m[2] ?? '';
  const scale = 10n ** BigInt(fraction.length);
  const seconds = (whole * scale + BigInt(fraction || '0')) * unitSeconds / scale;
  return seconds > 0n ? { ok: true, seconds } : { ok: false, reason: 'tooShort' };
}
