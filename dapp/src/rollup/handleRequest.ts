import { AppError, type ErrorView } from '@streamswap/protocol';
import { type Address, type Hex, getAddress, hexToString, stringToHex } from 'viem';
import type { StreamSwapApp } from '../app/StreamSwapApp.js';
import { inspectRoute } from '../inspect/inspectRoute.js';
import type { FinishStatus, RollupServerClient } from './RollupServerClient.js';
import type { AdvanceRequest } from './rollupRequest.js';

const json = (value: unknown): Hex => stringToHex(JSON.stringify(value));

function errorView(error: unknown): ErrorView {
  if (error instanceof AppError) return { error: { code: error.code, message: error.message } };
  const detail = error instanceof Error ? error.message : String(error);
  return { error: { code: 'INTERNAL_ERROR', message: `The input could not be processed and changed nothing: ${detail}` } };
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
    answer = errorView(error);
  }
  await client.report(json(answer));
  return 'accept';
}
