import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, parseDurationText } from './durations.js';

describe('parseDurationText', () => {
  it('accepts decimals exactly: 1.5 hours is 5,400 seconds', () => {
    expect(parseDurationText('1.5', HOUR)).toEqual({ ok: true, seconds: 5_400n });
    expect(parseDurationText('.25', DAY)).toEqual({ ok: true, seconds: 21_600n });
    expect(parseDurationText('2', MINUTE)).toEqual({ ok: true, seconds: 120n });
    expect(parseDurationText('1.', HOUR)).toEqual({ ok: true, seconds: 3_600n });
  });
  it('drops fractions of a second rather than rounding up', () => {
    expect(parseDurationText('1.3333', HOUR)).toEqual({ ok: true, seconds: 4_799n });
  });
  it('names why a text is not a duration', () => {
    expect(parseDurationText('-5', HOUR)).toEqual({ ok: false, reason: 'negative' });
    expect(parseDurationText('', HOUR)).toEqual({ ok: false, reason: 'empty' });
    expect(parseDurationText('1e3', HOUR)).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDurationText('1,5', HOUR)).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDurationText('.', HOUR)).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDurationText('0', HOUR)).toEqual({ ok: false, reason: 'tooShort' });
    expect(parseDurationText('0.0001', MINUTE)).toEqual({ ok: false, reason: 'tooShort' });
  });
});
