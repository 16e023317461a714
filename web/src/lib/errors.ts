import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError, InsufficientFundsError, ChainMismatchError, HttpRequestError } from 'viem';
import { copy } from './copy.js';
import type { Warning } from './warning.js';

/** Words for the contract errors a user can hit (Application, portals, ERC-20). */
const CONTRACT_ERRORS: Record<string, { title: string; message?: string }> = {
  OutputNotReexecutable: { title: copy.errors.alreadyExecuted, message: copy.errors.alreadyExecutedDetail },
  InvalidOutputsMerkleRoot: { title: copy.errors.proofNotValid, message: copy.errors.proofNotValidDetail },
  InvalidOutputHashesSiblingsArrayLength: { title: copy.errors.proofNotValid, message: copy.errors.proofNotValidDetail },
  OutputNotExecutable: { title: copy.errors.notExecutable },
  InsufficientFunds: { title: copy.errors.appFundsLow },
  ERC20InsufficientBalance: { title: 'Not enough tokens in your wallet' },
  ERC20InsufficientAllowance: { title: 'Approval too small', message: 'Approve the portal for at least this amount first.' },
  InputTooLarge: { title: 'Input too large for the InputBox' },
};

/** Turns anything thrown by viem, wagmi or fetch into a Warning with words; never raw JSON. */
export function describeError(error: unknown): Warning {
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError)) {
      return { severity: 'info', title: copy.errors.userRejected, message: copy.errors.userRejectedDetail };
    }
    if (error.walk((e) => e instanceof InsufficientFundsError)) {
      return { severity: 'error', title: copy.errors.insufficientGas, message: copy.errors.insufficientGasDetail };
    }
    if (error.walk((e) => e instanceof ChainMismatchError)) {
      return { severity: 'warning', title: copy.errors.chainMismatch, message: copy.errors.chainMismatchDetail };
    }
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const name = reverted.data?.errorName;
      const known = name ? CONTRACT_ERRORS[name] : undefined;
      if (known) return { severity: 'error', title: known.title, message: known.message ?? known.title };
      return { severity: 'error', title: copy.errors.reverted, message: reverted.reason ?? name ?? reverted.shortMessage };
    }
    if (error.walk((e) => e instanceof HttpRequestError)) {
      return { severity: 'error', title: copy.errors.network, message: copy.errors.networkDetail };
    }
    return { severity: 'error', title: copy.errors.unknown, message: error.shortMessage };
  }
  if (error instanceof TypeError && /fetch/i.test(error.message)) {
    return { severity: 'error', title: copy.errors.network, message: copy.errors.networkDetail };
  }
  return { severity: 'error', title: copy.errors.unknown, message: error instanceof Error ? error.message : String(error) };
}
