/**
 * Time-axis ticks whose labels are all different: the label's precision follows the span (seconds for
 * a stream canceled a minute in, dates for a month), and ticks that would print alike are dropped.
 */
export interface TimeAxis {
  ticks: number[];
  format: (unixSeconds: number) => string;
}

const MINUTE = 60;
const DAY = 86_400;

export function timeAxis(start: number, end: number, count = 4): TimeAxis {
  const span = Math.max(0, end - start);
  const options: Intl.DateTimeFormatOptions =
    span < 2 * MINUTE ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : span < DAY ? { hour: '2-digit', minute: '2-digit' } : span < 7 * DAY ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric' };
  const formatter = new Intl.DateTimeFormat(undefined, options);
  const format = (t: number) => formatter.format(new Date(t * 1000));
  const ticks: number[] = [];
  const seen = new Set<string>();
  const steps = span === 0 ? 0 : count;
  for (let i = 0; i <= steps; i++) {
    const t = Math.round(start + (span * i) / Math.max(1, steps));
    const label = format(t);
    if (seen.has(label)) continue;
    seen.add(label);
    ticks.push(t);
  }
  return { ticks, format };
}
