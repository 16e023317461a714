import { describe, expect, it } from 'vitest';
import { validateStreamForm, type StreamFormInput } from './streamForm.js';

const me = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const other = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const valid: StreamFormInput = { sender: me, receiver: other, amountText: '100', decimals: 18, available: 10n ** 21n, start: 0n, duration: 3600n, now: 1_000n };

describe('validateStreamForm', () => {
  it('accepts a well-formed stream', () => {
    const r = validateStreamForm(valid);
    expect(r.errors).toEqual({});
    expect(r.firstError).toBeUndefined();
    expect(r.amount).toEqual({ state: 'ok', value: 100n * 10n ** 18n });
  });
  it("says you can't stream to yourself, whatever the address case", () => {
    expect(validateStreamForm({ ...valid, receiver: me.toLowerCase() }).errors.receiver).toBe("You can't stream to yourself");
  });
  it('rejects a malformed receiver', () => {
    expect(validateStreamForm({ ...valid, receiver: '0x1234' }).errors.receiver).toBe('Not a valid address');
  });
  it('says when the amount exceeds the available balance', () => {
    expect(validateStreamForm({ ...valid, amountText: '1001' }).errors.amount).toBe('Exceeds available balance');
  });
  it('rejects a start in the past and a zero duration', () => {
    const r = validateStreamForm({ ...valid, start: 999n, duration: 0n });
    expect(r.errors.start).toBe('The start must be in the future');
    expect(r.errors.duration).toBe('Enter a duration of at least one second');
  });
  it('blocks submission while the receiver is empty without shouting at the user', () => {
    const r = validateStreamForm({ ...valid, receiver: '' });
    expect(r.errors.receiver).toBeUndefined();
    expect(r.firstError).toBe('Not a valid address');
  });
});

describe('validateStreamForm duration', () => {
  it("shows the duration field's own reason and blocks the button with it", () => {
    const r = validateStreamForm({ ...valid, duration: 0n, durationError: "A duration can't be negative" });
    expect(r.errors.duration).toBe("A duration can't be negative");
    expect(r.firstError).toBe("A duration can't be negative");
  });
  it('says a stream that ends past the time limit is too long', () => {
    expect(validateStreamForm({ ...valid, duration: 2n ** 62n }).errors.duration).toBe('Too long: pick a shorter duration');
  });
});
