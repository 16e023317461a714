import type { Address } from 'viem';
import type { StreamStatus } from '@streamswap/protocol';

/** An account's position in one token at time `t` (mirrors protocol's BalanceView, with bigints). */
export interface BalanceSnapshot {
  /** available + locked. */
  balance: bigint;
  /** Spendable now (transfers, new streams, withdrawals, debits). */
  available: bigint;
  /** Still promised to the account's own outgoing streams (plus what extensions lock, e.g. unsold order input). */
  locked: bigint;
  /** Net change of `balance` per second, scaled by 2^64. */
  rateX64: bigint;
  /** Net change of `available` per second, scaled by 2^64. */
  availableRateX64: bigint;
  /** Next time a rate changes (a stream starts or ends), null if never. */
  validUntil: bigint | null;
}

/** One stream as seen at time `t` (mirrors protocol's StreamView, with bigints). */
export interface StreamRecord {
  id: bigint;
  token: Address;
  sender: Address;
  receiver: Address;
  amount: bigint;
  start: bigint;
  duration: bigint;
  end: bigint;
  status: StreamStatus;
  /** Paid to the receiver by t (for a canceled stream: what it kept). */
  streamed: bigint;
  /** Still to be paid after t (0 once settled or canceled). */
  remaining: bigint;
  canceledAt: bigint | null;
  /** amount * 2^64 / duration (0 for instant transfers). */
  rateX64: bigint;
}

/**
 * Lets another module (the AMM's streamed orders) take part in every account's balance.
 * Rates are signed changes per second scaled by 2^64: `owedRateX64` adds to `available` and `balance`,
 * `lockedRateX64` (usually negative: unsold input shrinks) adds to `balance` only.
 */
export interface BalanceExtension {
  /** Credit (via ledger.credit) everything owed to `account` in `token` up to t. Called before a debit the ledger's own available cannot cover. */
  settle(token: Address, account: Address, t: bigint): void;
  /** Read-only projection at t. */
  view(
    token: Address,
    account: Address,
    t: bigint,
  ): { owed: bigint; locked: bigint; owedRateX64: bigint; lockedRateX64: bigint; validUntil: bigint | null };
}

export interface StreamPage {
  limit: number;
  offset: number;
}
