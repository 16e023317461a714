import { streamEnd, streamPaidAt, streamRateX64, streamStatusAt } from '@streamswap/protocol';
import { decodeAddress, decodeAmount } from './codec.js';
import type { StreamRecord } from './types.js';

/** A ledger_stream row joined with its addresses. */
export interface StreamRow {
  id: bigint;
  token: bigint;
  sender: bigint;
  receiver: bigint;
  amount: Uint8Array;
  start_at: bigint;
  duration: bigint;
  end_at: bigint;
  token_address: Uint8Array;
  sender_address: Uint8Array;
  receiver_address: Uint8Array;
}

/** Select list and joins that produce a StreamRow (append WHERE / ORDER BY). */
export const STREAM_COLUMNS = `s.id, s.token, s.sender, s.receiver, s.amount, s.start_at, s.duration, s.end_at,
  t.address AS token_address, a.address AS sender_address, b.address AS receiver_address
  FROM ledger_stream s JOIN ledger_token t ON t.id = s.token
  JOIN ledger_account a ON a.id = s.sender JOIN ledger_account b ON b.id = s.receiver`;

/** The stream as seen at t; a canceled stream is recognised by end_at != start + duration. */
export function toRecord(row: StreamRow, t: bigint): StreamRecord {
  const amount = decodeAmount(row.amount);
  const end = streamEnd(row.start_at, row.duration);
  const canceledAt = row.end_at === end ? null : row.end_at;
  const status = streamStatusAt(row.start_at, row.duration, canceledAt, t);
  const streamed = streamPaidAt(amount, row.start_at, row.duration, canceledAt, t);
  return {
    id: row.id,
    token: decodeAddress(row.token_address),
    sender: decodeAddress(row.sender_address),
    receiver: decodeAddress(row.receiver_address),
    amount,
    start: row.start_at,
    duration: row.duration,
    end,
    status,
    streamed,
    remaining: status === 'canceled' ? 0n : amount - streamed,
    canceledAt,
    rateX64: streamRateX64(amount, row.duration),
  };
}
