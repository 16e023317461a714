import { describe, expect, it } from 'vitest';
import { lifecycleSteps } from './lifecycleSteps.js';

const hash = '0xab' as const;

describe('lifecycleSteps', () => {
  it('lights every step of an accepted input and names its index', () => {
    const steps = lifecycleSteps({ stage: 'accepted', txHash: hash, inputIndex: 12n });
    expect(steps.map((s) => s.label)).toEqual(['Confirm in wallet', 'Submitted', 'Queued as input #12', 'Processing', 'Accepted']);
    expect(steps.every((s) => s.state === 'done')).toBe(true);
  });
  it('marks the current step of an input still queued', () => {
    expect(lifecycleSteps({ stage: 'queued', txHash: hash, inputIndex: 3n }).map((s) => s.state)).toEqual(['done', 'done', 'current', 'todo', 'todo']);
  });
  it('ends in red with "Rejected" for a rejected input', () => {
    const last = lifecycleSteps({ stage: 'rejected', txHash: hash, inputIndex: 3n, message: 'x' }).at(-1);
    expect(last).toEqual({ label: 'Rejected', state: 'bad' });
  });
  it('stops at the wallet when the user declines', () => {
    expect(lifecycleSteps({ stage: 'rejectedByWallet' })[0]).toEqual({ label: 'Transaction rejected', state: 'bad' });
  });
});

describe('lifecycleSteps for inputs sent from elsewhere', () => {
  it('has no "Confirm in wallet" step', () => {
    const steps = lifecycleSteps({ stage: 'accepted', txHash: '0x01', inputIndex: 4n }, { viaWallet: false });
    expect(steps.map((s) => s.label)).not.toContain('Confirm in wallet');
    expect(steps).toHaveLength(4);
  });
});
