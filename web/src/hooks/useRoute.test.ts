import { describe, expect, it } from 'vitest';
import { navOf, parseRoute } from './useRoute.js';

describe('parseRoute', () => {
  it('reads screens, and the own pages of streams and orders', () => {
    expect(parseRoute('#/streams')).toEqual({ screen: 'streams' });
    expect(parseRoute('#/stream/12')).toEqual({ screen: 'stream', id: '12' });
    expect(parseRoute('#/order/007')).toEqual({ screen: 'order', id: '7' });
    expect(navOf(parseRoute('#/stream/12'))).toBe('streams');
  });
  it('falls back to the portfolio for anything else', () => {
    expect(parseRoute('')).toEqual({ screen: 'portfolio' });
    expect(parseRoute('#/stream/abc')).toEqual({ screen: 'portfolio' });
    expect(parseRoute('#/nope')).toEqual({ screen: 'portfolio' });
  });
});
