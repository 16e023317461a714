import { describe, expect, it } from 'vitest';
import { priceImpactWarning } from './priceImpact.js';

describe('priceImpactWarning', () => {
  it('stays silent below 3%', () => {
    expect(priceImpactWarning(299)).toBeNull();
  });
  it('warns from 3%', () => {
    expect(priceImpactWarning(300)).toMatchObject({ severity: 'warning', title: 'High price impact' });
  });
  it('turns into an error from 5% and names the figure', () => {
    const w = priceImpactWarning(512);
    expect(w?.severity).toBe('error');
    expect(w?.message).toContain('5.12%');
  });
});
