import { AppError, dappAbi } from '@streamswap/protocol';
import { type Hex, concat, encodeFunctionData, pad, toHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { decodeCommand } from '../../src/app/decodeCommand.js';

const token = '0x1111111111111111111111111111111111111111';
const alice = '0x2222222222222222222222222222222222222222';
const stream = encodeFunctionData({ abi: dappAbi, functionName: 'stream', args: [token, alice, 100n, 0n, 3600n] });

function codeOf(payload: Hex): string {
  try {
    decodeCommand(payload);
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'OK';
}

describe('decodeCommand', () => {
  it('decodes every function of the input interface', () => {
    const command = decodeCommand(stream);
    expect(command.functionName).toBe('stream');
    expect(command.args).toEqual([token, alice, 100n, 0n, 3600n]);
  });

  it.each<[string, Hex, string]>([
    ['an empty payload', '0x', 'MALFORMED_INPUT'],
    ['three random bytes', '0xdeadbe', 'MALFORMED_INPUT'],
    ['an unknown selector', '0xdeadbeef', 'UNKNOWN_SELECTOR'],
    ['a truncated argument list', stream.slice(0, 2 + 8 + 64 * 3) as Hex, 'MALFORMED_INPUT'],
    ['trailing bytes after the arguments', concat([stream, '0x00']), 'MALFORMED_INPUT'],
    [
      'an address word with dirty high bytes',
      `${stream.slice(0, 10)}ff${stream.slice(12)}` as Hex,
      'MALFORMED_INPUT',
    ],
    [
      'a uint64 start holding more than 64 bits',
      concat([stream.slice(0, 10 + 64 * 3) as Hex, pad(toHex(2n ** 64n)), `0x${stream.slice(10 + 64 * 4)}`]),
      'VALUE_OUT_OF_RANGE',
    ],
  ])('rejects %s with %s', (_name, payload, code) => {
    expect(codeOf(payload)).toBe(code);
  });
});
