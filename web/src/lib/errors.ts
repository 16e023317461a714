import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError, InsufficientFundsError, ChainMismatchError, HttpRequestError } from 'viem';
import { isErrorCode, type ErrorCode } from '@streamswap/protocol';
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

/** Words for the app's own error codes (reports of REJECTED inputs). */
const APP_ERRORS: Partial<Record<ErrorCode, string>> = {
  INSUFFICIENT_AVAILABLE: 'Not enough available balance in the app.',
  SELF_TRANSFER: "You can't send or stream to yourself.",
  START_IN_PAST: 'The start time had already passed when the input was processed.',
  STREAM_NOT_FOUND: 'That stream does not exist.',
  NOT_STREAM_SENDER: 'Only the sender can cancel a stream.',
  STREAM_ALREADY_ENDED: 'The stream had already ended.',
  STREAM_ALREADY_CANCELED: 'The stream was already canceled.',
  TOKEN_NOT_WITHDRAWABLE: 'LP tokens live only inside the app and cannot be withdrawn.',
  PAIR_NOT_FOUND: 'There is no pool for this pair.',
  INSUFFICIENT_LIQUIDITY: 'The pool has too little liquidity for this trade.',
  INSUFFICIENT_OUTPUT_AMOUNT: 'The price moved: you would receive less than your minimum.',
  INSUFFICIENT_A_AMOUNT: 'The pool ratio moved beyond your slippage tolerance.',
  INSUFFICIENT_B_AMOUNT: 'The pool ratio moved beyond your slippage tolerance.',
  ORDER_NOT_FOUND: 'That order does not exist.',
  NOT_ORDER_OWNER: 'Only the owner can cancel an order.',
  ORDER_ALREADY_ENDED: 'The order had already ended.',
  ORDER_TOO_SMALL: 'The order is too small for its duration.',
};

/** The app's report message with the code translated when we have better words; falls back to the app's own sentence. */
export function appErrorWords(code: string, message: string): string {
  if (isErrorCode(code) && APP_ERRORS[code]) return `${APP_ERRORS[code]} (${message})`;
  return message;
}

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
