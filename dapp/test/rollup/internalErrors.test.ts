import { AppError, CARTESI_V2_2_ADDRESSES } from '@streamswap/protocol';
import { type Hex, encodePacked, hexToString } from 'viem';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StreamSwapApp } from '../../src/app/StreamSwapApp.js';
import { InvariantViolation } from '../../src/InvariantViolation.js';
import { encodeAmount } from '../../src/ledger/codec.js';
import { handleAdvance, isInternal } from '../../src/rollup/handleRequest.js';
import type { RollupServerClient } from '../../src/rollup/RollupServerClient.js';
import type { AdvanceRequest } from '../../src/rollup/rollupRequest.js';
import { openDatabase } from '../../src/storage/openDatabase.js';

const token = '0x1111111111111111111111111111111111111111';
const alice = '0x2222222222222222222222222222222222222222';

const deposit = (index: number): AdvanceRequest => ({
  request_type: 'advance_state',
  data: {
    metadata: {
      chain_id: 31337,
      app_contract: '0xab7528bb862fb57e8a2bcd567a2e929a0be56a5e',
      msg_sender: CARTESI_V2_2_ADDRESSES.erc20Portal.toLowerCase(),
      block_number: 10 + index,
      block_timestamp: 1_700_000_000 + index,
      prev_randao: `0x${'00'.repeat(32)}`,
      input_index: index,
    },
    payload: encodePacked(['address', 'address', 'uint256'], [token, alice, 5n]),
  },
});

/** The part of the Rollup HTTP client handleAdvance uses, recording the reports it posts. */
function recordingClient() {
  const reports: unknown[] = [];
  const client = {
    report: async (payload: Hex) => void reports.push(JSON.parse(hexToString(payload))),
    notice: async () => 0,
    voucher: async () => 0,
  } as unknown as RollupServerClient;
  return { client, reports };
}

afterEach(() => vi.restoreAllMocks());

describe('internal errors are loud', () => {
  it('a broken invariant is one error class that no business-rule handler can take for an AppError', () => {
    expect(() => encodeAmount(-1n)).toThrow(InvariantViolation);
    let caught: unknown;
    try {
      encodeAmount(-1n);
    } catch (e) {
      caught = e;
    }
    expect(caught).not.toBeInstanceOf(AppError);
    expect(isInternal(caught)).toBe(true);
    expect(isInternal(new AppError('INSUFFICIENT_AVAILABLE', 'x'))).toBe(false);
  });

  it('the back-end logs an input that broke an invariant with its index and answers INTERNAL_ERROR', async () => {
    const app = new StreamSwapApp(openDatabase(':memory:'));
    const { client, reports } = recordingClient();
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
    expect(await handleAdvance(app, client, deposit(3))).toBe('accept');
    expect(logged).toEqual([]);
    // the node hands over an input older than the last one processed: the back-end's own invariant breaks
    expect(await handleAdvance(app, client, deposit(2))).toBe('reject');
    expect(reports).toEqual([{ error: { code: 'INTERNAL_ERROR', message: expect.stringContaining('InvariantViolation: Input 2 was already processed') } }]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^\[streamswap\] !!! INVARIANT VIOLATION at input 2 /);
  });
});
