import { describe, expect, it } from 'vitest';
import { ContractFunctionExecutionError, ContractFunctionRevertedError, UserRejectedRequestError, InsufficientFundsError, BaseError, encodeErrorResult, parseAbi, TransactionExecutionError } from 'viem';
import { describeError } from './errors.js';

const applicationErrors = parseAbi(['error OutputNotReexecutable(bytes output)', 'error InvalidOutputsMerkleRoot(bytes32 outputsMerkleRoot)', 'error Mystery()']);

function revert(errorName: 'OutputNotReexecutable' | 'InvalidOutputsMerkleRoot' | 'Mystery', args: readonly unknown[]): Error {
  const data = encodeErrorResult({ abi: applicationErrors, errorName, args } as never);
  const cause = new ContractFunctionRevertedError({ abi: applicationErrors, data, functionName: 'executeOutput' });
  return new ContractFunctionExecutionError(cause, { abi: applicationErrors, functionName: 'executeOutput', args: [] });
}

describe('describeError', () => {
  it('says "Transaction rejected" neutrally when the user declines in the wallet', () => {
    const error = new TransactionExecutionError(new UserRejectedRequestError(new Error('User denied')), {} as never);
    expect(describeError(error)).toMatchObject({ severity: 'info', title: 'Transaction rejected' });
  });
  it('names missing gas funds', () => {
    const error = new TransactionExecutionError(new InsufficientFundsError({ cause: new BaseError('x') }), {} as never);
    expect(describeError(error).title).toBe('Not enough ETH for gas');
  });
  it('maps OutputNotReexecutable to "Already executed"', () => {
    expect(describeError(revert('OutputNotReexecutable', ['0x12'])).title).toBe('Already executed');
  });
  it('maps InvalidOutputsMerkleRoot to waiting for the epoch', () => {
    expect(describeError(revert('InvalidOutputsMerkleRoot', [`0x${'00'.repeat(32)}`])).title).toBe('Proof not valid yet: wait for the epoch to close');
  });
  it('falls back to the decoded error name for unknown reverts', () => {
    expect(describeError(revert('Mystery', []))).toMatchObject({ title: 'Transaction would fail', message: 'Mystery' });
  });
  it('describes plain errors by their message', () => {
    expect(describeError(new Error('boom')).message).toBe('boom');
  });
});
