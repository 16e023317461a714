import { describe, expect, it } from 'vitest';
import { minimumAfterSlippage, parseSlippage } from './slippage.js';

describe('parseSlippage', () => {
  it('reads a percentage into basis points without floats', () => {
    expect(parseSlippage('0.5')).toEqual({ ok: true, bps: 50n, note: null });
    expect(parseSlippage('1%')).toEqual({ ok: true, bps: 100n, note: null });
    expect(parseSlippage('.25')).toEqual({ ok: true, bps: 25n, note: null });
  });
  it('flags tolerances that are risky or likely to fail', () => {
    expect(parseSlippage('12')).toMatchObject({ ok: true, bps: 1_200n, note: 'high' });
    expect(parseSlippage('0.01')).toMatchObject({ ok: true, bps: 1n, note: 'low' });
  });
  it('refuses what is not a tolerance', () => {
    expect(parseSlippage('')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseSlippage('-1')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseSlippage('0.001')).toEqual({ ok: false, reason: 'tooManyDecimals' });
    expect(parseSlippage('0')).toEqual({ ok: false, reason: 'zero' });
    expect(parseSlippage('51')).toEqual({ ok: false, reason: 'tooHigh' });
  });
});

describe('minimumAfterSlippage', () => {
  it('rounds down', () => {
    expect(minimumAfterSlippage(1_992n, 50n)).toBe(1_982n);
    expect(minimumAfterSlippage(0n, 50n)).toBe(0n);
  });
});
