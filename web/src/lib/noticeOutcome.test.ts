import { ETHER_TOKEN, type Notice } from '@streamswap/protocol';
import { describe, expect, it } from 'vitest';
import { outcomeFromNotice } from './noticeOutcome.js';
import type { TokenLookup } from './rejectionWords.js';

const TUSD = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const ME = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const token: TokenLookup = (a) => (a === TUSD ? { symbol: 'tUSD', decimals: 6 } : { symbol: 'ETH', decimals: 18 });

describe('outcomeFromNotice', () => {
  it('says what a swap received', () => {
    const n: Notice = { kind: 'swapped', account: ME, tokenIn: ETHER_TOKEN, tokenOut: TUSD, amountIn: '50000000000000000000', amountOut: '107170000' };
    expect(outcomeFromNotice(n, token)).toBe('Swapped 50 ETH for 107.17 tUSD.');
  });
  it('says what a canceled stream left each side, with the token read from the stream', () => {
    const n: Notice = { kind: 'streamCanceled', streamId: '3', streamed: '40000000', refunded: '60500000' };
    expect(outcomeFromNotice(n, token, { token: TUSD })).toBe('Stream #3 canceled: the receiver keeps 40 tUSD, 60.5 tUSD came back to you.');
    expect(outcomeFromNotice(n, token)).toBeNull();
  });
  it('tells a withdrawal where to go next', () => {
    const n: Notice = { kind: 'withdrawn', token: ETHER_TOKEN, account: ME, amount: '123456789000000000000' };
    expect(outcomeFromNotice(n, token)).toBe('Withdrawal of 123.456789 ETH requested: execute its voucher in Activity once the epoch is proven.');
  });
});
