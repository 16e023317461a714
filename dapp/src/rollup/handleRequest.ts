import { AppError, type ErrorView } from '@streamswap/protocol';
import { type Address, type Hex, getAddress, hexToString, stringToHex } from 'viem';
import type { StreamSwapApp } from '../app/StreamSwapApp.js';
import { inspectRoute } from '../inspect/inspectRoute.js';
import { InvariantViolation } from '../InvariantViolation.js';
import type { FinishStatus, RollupServerClient } from './RollupServerClient.js';
import type { AdvanceRequest } from './rollupRequest.js';

const json = (value: unknown): Hex => stringToHex(JSON.stringify(value));

/** Whether an error is the back-end's own fault (an InvariantViolation or any unexpected throw), answered INTERNAL_ERROR. */
export function isInternal(error: unknown): boolean {
  return !(error instanceof AppError) || error.code === 'INTERNAL_ERROR';
}

function errorView(error: unknown): ErrorView {
  if (!isInternal(error)) {
    const e = error as AppError;
    return { error: { code: e.code, message: e.message } };
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { error: { code: 'INTERNAL_ERROR', message: `The input could not be processed and changed nothing: ${detail}` } };
}

/**
 * One loud line (plus the stack) for a broken invariant or unexpected throw, naming the input: a valid input must
 * never get INTERNAL_ERROR, so each one is a bug to look at. The devnode flags the same input from its report.
 */
export function logInternalError(error: unknown, inputIndex: number | bigint | string, log: (line: string) => void = console.error): void {
  const what = error instanceof InvariantViolation ? 'INVARIANT VIOLATION' : 'UNEXPECTED ERROR';
  const detail = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
  log(`[streamswap] !!! ${what} at input ${inputIndex} (answered INTERNAL_ERROR, rolled back): ${detail}`);
}

/**
 * Applies one advance input. Accepted: its notices and vouchers are posted, then `accept`.
 * Rejected (bad input or any unexpected error): the transaction has rolled back, one report says why, then `reject`.
 */
export async function handleAdvance(app: StreamSwapApp, client: RollupServerClient, request: AdvanceRequest): Promise<FinishStatus> {
  const { metadata, payload } = request.data;
  let result;
  try {
    result = app.advance(
      {
        sender: getAddress(metadata.msg_sender as Address),
        timestamp: BigInt(metadata.block_timestamp),
        index: BigInt(metadata.input_index),
      },
      payload as Hex,
    );
  } catch (error) {
    if (isInternal(error)) logInternalError(error, metadata.input_index);
    await client.report(json(errorView(error)));
    return 'reject';
  }
  for (const notice of result.notices) await client.notice(json(notice));
  for (const voucher of result.vouchers) await client.voucher(voucher);
  return 'accept';
}

/** Answers one inspect request with exactly one report: the route's JSON view or an ErrorView. */
export async function handleInspect(app: StreamSwapApp, client: RollupServerClient, payload: Hex): Promise<FinishStatus> {
  let answer: unknown;
  try {
    answer = inspectRoute(app, hexToString(payload));
  } catch (error) {
    if (isInternal(error)) logInternalError(error, `(inspect ${JSON.stringify(hexToString(payload).slice(0, 200))})`);
    answer = errorView(error);
  }
  await client.report(json(answer));
  return 'accept';
}
