import { type Hex, encodeFunctionData, getAddress, parseAbi, stringToHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { encodeNotice, encodeVoucher } from '../src/replica/encodeOutputs.js';
import { decodeEvmAdvance, evmAdvanceAbi } from '../src/replica/evmAdvance.js';

const outputsAbi = parseAbi(['function Notice(bytes payload)', 'function Voucher(address destination, uint256 value, bytes payload)']);
const payloads: Hex[] = ['0x', '0x00', '0xdeadbeef', `0x${'ab'.repeat(32)}`, `0x${'cd'.repeat(33)}`, stringToHex(JSON.stringify({ kind: 'deposited', amount: '1' }))];

describe('the hand-built encodings match viem (the ABI reference)', () => {
  it('notices and vouchers', () => {
    for (const payload of payloads) {
      expect(encodeNotice(payload.slice(2))).toBe(encodeFunctionData({ abi: outputsAbi, functionName: 'Notice', args: [payload] }));
      for (const value of [0n, 1n, 10n ** 18n, 2n ** 256n - 1n]) {
        const destination = getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');
        expect(encodeVoucher(destination, value, payload)).toBe(encodeFunctionData({ abi: outputsAbi, functionName: 'Voucher', args: [destination, value, payload] }));
      }
    }
  });

  it('EvmAdvance decodes what InputBox encodes, and refuses anything else', () => {
    const app = getAddress('0x75537828f2ce51be7289709686a69cbfdbb714f1');
    const sender = getAddress('0xaca6586a0cf05bd831f2501e7b4aea550da6562d');
    for (const payload of payloads) {
      const raw = encodeFunctionData({ abi: evmAdvanceAbi, functionName: 'EvmAdvance', args: [31337n, app, sender, 12n, 1_795_258_497n, 2n ** 255n, 7n, payload] });
      expect(decodeEvmAdvance(raw)).toEqual({ appContract: app, sender, timestamp: 1_795_258_497n, index: 7n, payload });
      expect(() => decodeEvmAdvance(`${raw}00` as Hex)).toThrow('does not match');
      expect(() => decodeEvmAdvance(`0x415bf364${raw.slice(10)}` as Hex)).toThrow('not an EvmAdvance');
    }
  });
});
