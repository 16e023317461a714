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
 * A module that holds value for ledger accounts outside the ledger's own rows (the AMM's streamed orders: input
 * not yet sold, proceeds not yet paid in) and so takes part in every account's balance.
 *
 * The seam's contract (Superfluid's rule: agreements report, the token books):
 * - Reads. The ledger reads every extension through `view` for each balance it shows; `view` never writes.
 *   An extension reads the ledger only through reads that never call an extension (`ownAvailable`, `totalSupply`).
 * - Writes. Each side writes only its own tables. `settle` brings the extension's own books for one account and
 *   token up to t (for the AMM: executes the pairs involved, marks proceeds and refunds as paid) and returns the
 *   whole wei it thereby releases to the account. It never calls the ledger.
 * - Books. Only the ledger changes an account's figures, in one pass over the aggregate it holds in memory, saved once:
 *   - a user operation (transfer, withdraw, stream) that needs more than the ledger's own available calls `settle`
 *     on every extension, credits what they release into that aggregate, then takes the debit;
 *   - an extension moving value in its own writes (order input locked, liquidity added, an instant swap's input)
 *     first settles itself if the ledger's own available falls short (`ownAvailable`), then hands what it released
 *     to the ledger's composition primitive (`debit(token, account, amount, t, released)`, `burn(..., released)`),
 *     which books both in one pass; what it pays out directly (a swap's output, a cancel's refund) goes through `credit`.
 *   The composition primitives (credit, debit, mint, burn) never call an extension: no module calls back into the one
 *   that called it, so neither side ever holds a copy of the other's rows that a nested call could make stale.
 * Rates are signed changes per second scaled by 2^64: `owedRateX64` adds to `available` and `balance`,
 * `lockedRateX64` (usually negative: unsold input shrinks) adds to `balance` only. `view(...).owed` at t must equal
 * what `settle` at t would release, so that what is shown as available can be spent.
 */
export interface BalanceExtension {
  /** Settles the extension's own books for (token, account) up to t and returns the whole wei released to the account (the ledger books it). */
  settle(token: Address, account: Address, t: bigint): bigint;
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
