import { describe, expect, it } from 'vitest';
import { stringToHex } from 'viem';
import { rejectionFromReports, rejectionFromReportsWords } from './reportMessage.js';

describe('rejectionFromReports', () => {
  it("turns the app's error report into words with the app's sentence", () => {
    const report = stringToHex('{"error":{"code":"SELF_TRANSFER","message":"The sender and the receiver are the same account 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266."}}');
    expect(rejectionFromReports([report])).toBe("You can't send or stream to yourself. The sender and the receiver are the same account 0xf39F…2266.");
  });
  it('skips reports that are not error views', () => {
    const error = stringToHex('{"error":{"code":"PAIR_NOT_FOUND","message":"No pool for A/B."}}');
    expect(rejectionFromReports([error, stringToHex('not json')])).toBe('There is no pool for this pair. No pool for A/B.');
    expect(rejectionFromReports([stringToHex('{"ok":true}')])).toBe('');
    expect(rejectionFromReportsWords([stringToHex('{"ok":true}')])).toBeNull();
  });
});
