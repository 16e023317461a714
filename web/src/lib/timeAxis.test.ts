import { describe, expect, it } from 'vitest';
import { timeAxis } from './timeAxis.js';

describe('timeAxis', () => {
  it('never prints the same label twice', () => {
    for (const span of [0, 30, 90, 600, 3_600, 86_400, 30 * 86_400]) {
      const axis = timeAxis(1_700_000_000, 1_700_000_000 + span);
      const labels = axis.ticks.map(axis.format);
      expect(new Set(labels).size).toBe(labels.length);
      expect(axis.ticks.length).toBeGreaterThan(0);
    }
  });
  it('shows seconds for a span under two minutes, so a stream canceled early still has distinct ticks', () => {
    const axis = timeAxis(1_700_000_000, 1_700_000_040);
    expect(axis.ticks.length).toBe(5);
  });
});
