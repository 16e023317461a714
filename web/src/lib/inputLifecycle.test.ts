import { describe, expect, it } from 'vitest';
import { isTerminal, nextStage, type InputStage } from './inputLifecycle.js';
import { voucherStatus } from './voucherStatus.js';

const hash = '0xabc' as const;

function run(events: Parameters<typeof nextStage>[1][]): InputStage {
  return events.reduce<InputStage>((s, e) => nextStage(s, e), { stage: 'wallet' });
}

describe('input lifecycle', () => {
  it('goes wallet -> submitted -> queued #N -> processing -> accepted', () => {
    expect(run([{ type: 'signed', txHash: hash }])).toEqual({ stage: 'submitted', txHash: hash });
    expect(run([{ type: 'signed', txHash: hash }, { type: 'mined', success: true, inputIndex: 7n }])).toEqual({ stage: 'queued', txHash: hash, inputIndex: 7n });
    const processing = run([
      { type: 'signed', txHash: hash },
      { type: 'mined', success: true, inputIndex: 7n },
      { type: 'nodeStatus', status: 'NONE', processedCount: 7n },
    ]);
    expect(processing.stage).toBe('processing');
    expect(nextStage(processing, { type: 'nodeStatus', status: 'ACCEPTED' }).stage).toBe('accepted');
  });
  it('stays queued while earlier inputs are still being processed', () => {
    const s = run([{ type: 'signed', txHash: hash }, { type: 'mined', success: true, inputIndex: 7n }, { type: 'nodeStatus', status: 'NONE', processedCount: 3n }]);
    expect(s.stage).toBe('queued');
  });
  it("carries the app's message when rejected", () => {
    const s = run([{ type: 'signed', txHash: hash }, { type: 'mined', success: true, inputIndex: 1n }, { type: 'nodeStatus', status: 'REJECTED', message: 'Not enough available balance.' }]);
    expect(s).toMatchObject({ stage: 'rejected', message: 'Not enough available balance.' });
    expect(isTerminal(s)).toBe(true);
  });
  it('treats machine failures as exceptions', () => {
    const s = run([{ type: 'signed', txHash: hash }, { type: 'mined', success: true, inputIndex: 1n }, { type: 'nodeStatus', status: 'CYCLE_LIMIT_EXCEEDED' }]);
    expect(s).toMatchObject({ stage: 'exception', message: 'CYCLE_LIMIT_EXCEEDED' });
  });
  it('ends at failed when the L1 transaction reverts and at rejectedByWallet when declined', () => {
    expect(run([{ type: 'signed', txHash: hash }, { type: 'mined', success: false, inputIndex: null }]).stage).toBe('failed');
    expect(run([{ type: 'walletRejected' }]).stage).toBe('rejectedByWallet');
  });
  it('ignores node news before the transaction is mined', () => {
    expect(run([{ type: 'signed', txHash: hash }, { type: 'nodeStatus', status: 'ACCEPTED' }]).stage).toBe('submitted');
  });
});

describe('voucherStatus', () => {
  it('is proof pending until the proof exists and validates', () => {
    expect(voucherStatus({ hasProof: false, executed: false, executing: false })).toBe('proofPending');
    expect(voucherStatus({ hasProof: true, executed: false, executing: false, valid: false })).toBe('proofPending');
  });
  it('is ready with a valid proof, executing while our tx flies, executed after', () => {
    expect(voucherStatus({ hasProof: true, executed: false, executing: false, valid: true })).toBe('ready');
    expect(voucherStatus({ hasProof: true, executed: false, executing: true, valid: true })).toBe('executing');
    expect(voucherStatus({ hasProof: true, executed: true, executing: false })).toBe('executed');
  });
});
