import { ERROR_CODES, ETHER_TOKEN } from '@streamswap/protocol';
import { describe, expect, it } from 'vitest';
import { humanizeAppSentence, rejectionWords, type TokenLookup } from './rejectionWords.js';

const TUSD = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const ACCOUNT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const token: TokenLookup = (a) =>
  a.toLowerCase() === ETHER_TOKEN.toLowerCase() ? { symbol: 'ETH', decimals: 18 } : a.toLowerCase() === TUSD.toLowerCase() ? { symbol: 'tUSD', decimals: 6 } : { symbol: a.slice(0, 8), decimals: 18 };

describe('rejectionWords', () => {
  it('says a shortfall in words with formatted amounts and the symbol', () => {
    const raw = `The withdraw needs 4000000000000000000 of token ${ETHER_TOKEN} but account ${ACCOUNT} has only 1000000000000000000 available.`;
    const w = rejectionWords('INSUFFICIENT_AVAILABLE', raw, token);
    expect(w.title).toBe('Not enough ETH available');
    expect(w.sentence).toBe('Not enough ETH available: you have 1 ETH, the withdrawal needs 4 ETH.');
    expect(w.raw).toBe(raw);
    expect(w.sentence).not.toMatch(/0x[0-9a-f]{40}/i);
  });
  it('has a title of its own for every code the app can report', () => {
    const titles = ERROR_CODES.map((code) => rejectionWords(code, 'x', token).title);
    expect(titles.every((t) => t !== 'The app rejected the input' && t.length > 0)).toBe(true);
  });
  it('keeps the figures of other codes, readable', () => {
    const raw = `Swapping 50000000 of ${TUSD} pays 1000 of ${ETHER_TOKEN}, below the minimum 2000000000000000000.`;
    expect(rejectionWords('INSUFFICIENT_OUTPUT_AMOUNT', raw, token).message).toBe('Swapping 50 tUSD pays <0.000001 ETH, below the minimum 2000000000000000000.');
  });
  it('writes the start times of a late stream as dates', () => {
    const w = rejectionWords('START_IN_PAST', 'The stream would start at 1700000000, before the current time 1700000100.', token);
    expect(w.message).toMatch(/^It was set to start at .+, but the app processed it at .+\. Pick a later start\.$/);
  });
  it('falls back to a neutral title for a code it does not know', () => {
    expect(rejectionWords('NEW_CODE', 'Something new.', token).sentence).toBe('The app rejected the input. Something new.');
  });
});

describe('humanizeAppSentence', () => {
  it('shortens unknown addresses and names known tokens', () => {
    expect(humanizeAppSentence(`There is no pool for ${TUSD} and ${ETHER_TOKEN}.`, token)).toBe('There is no pool for tUSD and ETH.');
    expect(humanizeAppSentence(`Order 3 belongs to ${ACCOUNT}, not me.`, token)).toBe('Order 3 belongs to 0x7099…79C8, not me.');
  });
});
