import { describe, expect, it } from 'vitest';
import { ReadFloor } from './readFloor.js';

describe('ReadFloor', () => {
  it('accepts anything before anything is known', () => {
    const floor = new ReadFloor();
    expect(floor.accepts('stream/1', -1)).toBe(true);
    expect(floor.accepts(undefined, 0)).toBe(true);
  });

  it('refuses an answer from before an input the node reported processed, for every read', () => {
    const floor = new ReadFloor();
    floor.raise(7);
    expect(floor.accepts('stream/1', 6)).toBe(false);
    expect(floor.accepts(undefined, 6)).toBe(false);
    expect(floor.accepts('stream/1', 7)).toBe(true);
    floor.raise(3); // an older report does not lower it
    expect(floor.accepts('balances/0xabc', 6)).toBe(false);
  });

  it('refuses, per query, an answer older than the one it already showed', () => {
    const floor = new ReadFloor();
    floor.shown('stream/1', 10);
    expect(floor.accepts('stream/1', 9)).toBe(false);
    expect(floor.accepts('stream/1', 10)).toBe(true);
    // another query has not shown anything that recent
    expect(floor.accepts('stream/2', 9)).toBe(true);
    floor.shown('stream/1', 4);
    expect(floor.floorFor('stream/1')).toBe(10);
    // an unnamed read records nothing
    floor.shown(undefined, 20);
    expect(floor.floorFor(undefined)).toBe(-1);
  });
});
