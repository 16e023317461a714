/**
 * Stable error codes. A rejected input leaves a report `{"error":{"code","message"}}` with one of
 * these codes; the web app maps them to words. Never rename a code: clients match on it.
 */
export const ERROR_CODES = [
  // input decoding
  'UNKNOWN_SELECTOR',
  'MALFORMED_INPUT',
  'INVALID_ADDRESS',
  'VALUE_OUT_OF_RANGE',
  'INVALID_DEPOSIT',
  // token ledger
  'INVALID_AMOUNT',
  'SELF_TRANSFER',
  'START_IN_PAST',
  'INSUFFICIENT_AVAILABLE',
  'STREAM_NOT_FOUND',
  'NOT_STREAM_SENDER',
  'STREAM_ALREADY_ENDED',
  'STREAM_ALREADY_CANCELED',
  'TOKEN_NOT_WITHDRAWABLE',
  // AMM
  'IDENTICAL_TOKENS',
  'PAIR_NOT_FOUND',
  'INSUFFICIENT_LIQUIDITY',
  'INSUFFICIENT_LIQUIDITY_MINTED',
  'INSUFFICIENT_LIQUIDITY_BURNED',
  'INSUFFICIENT_A_AMOUNT',
  'INSUFFICIENT_B_AMOUNT',
  'INSUFFICIENT_INPUT_AMOUNT',
  'INSUFFICIENT_OUTPUT_AMOUNT',
  'K',
  'ORDER_NOT_FOUND',
  'NOT_ORDER_OWNER',
  'ORDER_ALREADY_ENDED',
  'ORDER_TOO_SMALL',
  // inspect
  'UNKNOWN_ROUTE',
  'INVALID_PARAMETER',
  // anything unexpected: the input is rolled back whole
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A business or decoding error with a stable code and a full-sentence message naming the values involved. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
