import type { Address } from 'viem';
import { AppError, MAX_TIME, keptAtCancel, streamEnd, X64_BITS } from '@streamswap/protocol';
import { isRowId } from '../storage/rowId.js';
import type { SqlDatabase } from '../storage/SqlDatabase.js';
import { type Aggregate, AggregateStore, SCALE, SCALE_BITS, rateX96 } from './aggregate.js';
import { decodeAddress, decodeAmount, encodeAddress, encodeAmount } from './codec.js';
import { LEDGER_SCHEMA } from './schema.js';
import { STREAM_COLUMNS, type StreamRow, toRecord } from './streamRows.js';
import { InvariantViolation } from '../InvariantViolation.js';
import { insufficient, requireDistinct, requireNonNegative, requirePositive } from './validation.js';
import type { BalanceExtension, BalanceSnapshot, StreamPage, StreamRecord } from './types.js';

export type { BalanceExtension, BalanceSnapshot, StreamPage, StreamRecord } from './types.js';

/** X96 -> X64 for the rates shown to clients. */
const TO_X64 = SCALE_BITS - X64_BITS;

/**
 * The streamable token ledger: deposits, transfers, escrowed streams paying by the second, cancels and
 * withdrawals, on SQLite. Every operation costs O(log n) in the number of streams plus the schedule entries
 * (stream starts and ends) that came due for the accounts it touches, each processed once in its life.
 *
 * Semantics: opening a stream moves its whole amount from the sender's `available` into `locked` (escrow);
 * it then flows to the receiver's `available` by the second. `balance = available + locked`. Times `t` are
 * the inputs' block timestamps and must not decrease; a read earlier than an account's last change is
 * answered at that change (the ledger keeps figures, not history). Every mutating method is atomic: it runs
 * inside `db.transaction` and a throw leaves the database unchanged.
 *
 * Rounding: aggregates hold values scaled by 2^96 (aggregate.ts), so per-token conservation is exact in those
 * units and every stream pays exactly its amount by its end. Shown figures round `available` down and `locked`
 * up; while streams are in flight they differ from the per-stream formula floor(amount * elapsed / duration)
 * by at most one wei per in-flight stream of the account, and are exact when none is.
 */
export class Ledger {
  private readonly aggregates: AggregateStore;
  private readonly extensions: BalanceExtension[] = [];

  constructor(private readonly db: SqlDatabase) {
    db.exec(LEDGER_SCHEMA);
    this.aggregates = new AggregateStore(db);
  }

  addExtension(ext: BalanceExtension): void {
    this.extensions.push(ext);
  }

  // ---------------------------------------------------------------- writes

  /** Mints `amount` to `account` (a portal deposit): supply grows. */
  deposit(token: Address, account: Address, amount: bigint, t: bigint): void {
    requirePositive(amount, 'deposit');
    this.db.transaction(() => this.addAvailable(token, account, amount, t, true));
  }

  /** Moves `amount` of available value from `from` to `to` at once. */
  transfer(token: Address, from: Address, to: Address, amount: bigint, t: bigint): void {
    requirePositive(amount, 'transfer');
    requireDistinct(from, to);
    this.db.transaction(() => {
      this.takeAvailable(token, from, amount, t, false, 'transfer');
      this.addAvailable(token, to, amount, t, false);
    });
  }

  /**
   * Opens a stream of `amount` from sender to receiver over [start, start + duration] and returns its id.
   * start 0 = now; duration 0 = a lump payment at start (at once when start is now).
   */
  openStream(
    token: Address,
    sender: Address,
    receiver: Address,
    amount: bigint,
    start: bigint,
    duration: bigint,
    t: bigint,
  ): bigint {
    requirePositive(amount, 'stream');
    requireDistinct(sender, receiver);
    const startAt = start === 0n ? t : start;
    if (startAt < t) {
      throw new AppError('START_IN_PAST', `The stream would start at ${startAt}, before the current time ${t}.`);
    }
    if (duration < 0n || startAt + duration >= MAX_TIME) {
      throw new AppError(
        'VALUE_OUT_OF_RANGE',
        `A stream from ${startAt} lasting ${duration} seconds must end before ${MAX_TIME}.`,
      );
    }
    return this.db.transaction(() => {
      const snd = this.settleDebited(token, sender, amount, t, 'stream');
      const tok = snd.tok;
      const rcv = this.accountId(receiver, true);
      const ra = this.aggregates.settle(rcv, tok, t);
      const sa = snd.agg;
      const end = startAt + duration;
      const { lastInsertRowid: id } = this.db
        .prepare(
          'INSERT INTO ledger_stream (token, sender, receiver, amount, start_at, duration, end_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(tok, snd.id, rcv, encodeAmount(amount), startAt, duration, end);
      const value = amount * SCALE;
      sa.avail -= value;
      sa.nOut += 1n;
      ra.nIn += 1n;
      if (end === t) {
        ra.avail += value;
      } else {
        sa.locked += value;
        if (duration > 0n && startAt === t) {
          const rate = rateX96(amount, duration);
          sa.outRate += rate;
          ra.inRate += rate;
        } else if (duration > 0n) {
          const pending = this.db.prepare('INSERT INTO ledger_pending (account, token, start_at, stream) VALUES (?, ?, ?, ?)');
          pending.run(snd.id, tok, startAt, id);
          pending.run(rcv, tok, startAt, id);
        }
      }
      this.aggregates.save(snd.id, tok, sa);
      this.aggregates.save(rcv, tok, ra);
      return id;
    });
  }

  /**
   * Cancels a stream before its end: the receiver keeps what has streamed (rounded up to the wei, see
   * keptAtCancel), the sender gets the rest back into `available`.
   */
  cancelStream(id: bigint, caller: Address, t: bigint): { streamed: bigint; refunded: bigint } {
    const row = this.streamRow(id);
    if (row === undefined) throw new AppError('STREAM_NOT_FOUND', `There is no stream with id ${id}.`);
    const sender = decodeAddress(row.sender_address);
    if (Buffer.compare(row.sender_address, encodeAddress(caller)) !== 0) {
      throw new AppError('NOT_STREAM_SENDER', `Only the sender ${sender} can cancel stream ${id}, not ${caller}.`);
    }
    const end = streamEnd(row.start_at, row.duration);
    if (row.end_at !== end) {
      throw new AppError('STREAM_ALREADY_CANCELED', `Stream ${id} was already canceled at ${row.end_at}.`);
    }
    if (t >= end) throw new AppError('STREAM_ALREADY_ENDED', `Stream ${id} ended at ${end}, it cannot be canceled at ${t}.`);
    return this.db.transaction(() => {
      const amount = decodeAmount(row.amount);
      const sa = this.aggregates.settle(row.sender, row.token, t);
      const ra = this.aggregates.settle(row.receiver, row.token, t);
      const rate = rateX96(amount, row.duration);
      const started = row.duration > 0n && row.start_at <= t;
      if (started) {
        sa.outRate -= rate;
        ra.inRate -= rate;
      } else {
        this.db.prepare('DELETE FROM ledger_pending WHERE account = ? AND token = ? AND start_at = ? AND stream = ?').run(
          row.sender,
          row.token,
          row.start_at,
          id,
        );
        this.db.prepare('DELETE FROM ledger_pending WHERE account = ? AND token = ? AND start_at = ? AND stream = ?').run(
          row.receiver,
          row.token,
          row.start_at,
          id,
        );
      }
      const accrued = started ? rate * (t - row.start_at) : 0n;
      const kept = keptAtCancel(amount, row.start_at, row.duration, t);
      if (kept * SCALE < accrued) {
        throw new InvariantViolation(`Stream ${id} accrued more than it may keep at ${t}; refusing to cancel.`);
      }
      ra.avail += kept * SCALE - accrued;
      sa.locked -= amount * SCALE - accrued;
      sa.avail += (amount - kept) * SCALE;
      this.db.prepare('UPDATE ledger_stream SET end_at = ? WHERE id = ?').run(t, id);
      this.aggregates.save(row.sender, row.token, sa);
      this.aggregates.save(row.receiver, row.token, ra);
      return { streamed: kept, refunded: amount - kept };
    });
  }

  /** Burns `amount` of available value (the caller emits the withdrawal voucher): supply shrinks. */
  withdraw(token: Address, account: Address, amount: bigint, t: bigint): void {
    requirePositive(amount, 'withdraw');
    if (!this.isWithdrawable(token)) {
      throw new AppError('TOKEN_NOT_WITHDRAWABLE', `The token ${token} lives only inside the app and cannot be withdrawn.`);
    }
    this.db.transaction(() => this.takeAvailable(token, account, amount, t, true, 'withdraw'));
  }

  /** Moves value into the ledger from another module (e.g. a pool); supply unchanged. */
  credit(token: Address, account: Address, amount: bigint, t: bigint): void {
    if (requireNonNegative(amount, 'credit')) this.db.transaction(() => this.addAvailable(token, account, amount, t, false));
  }

  /**
   * Moves available value out of the ledger into another module; supply unchanged. `released`: what the calling
   * extension just released to this account by settling itself (BalanceExtension), booked first in the same pass.
   * Never calls an extension.
   */
  debit(token: Address, account: Address, amount: bigint, t: bigint, released = 0n): void {
    requireNonNegative(released, 'release');
    if (requireNonNegative(amount, 'debit') || released > 0n) {
      this.db.transaction(() => this.takeAvailable(token, account, amount, t, false, 'debit', released));
    }
  }

  /** Mints (LP tokens): supply grows. */
  mint(token: Address, account: Address, amount: bigint, t: bigint): void {
    if (requireNonNegative(amount, 'mint')) this.db.transaction(() => this.addAvailable(token, account, amount, t, true));
  }

  /** Burns available value (LP tokens): supply shrinks. `released` as for `debit`. Never calls an extension. */
  burn(token: Address, account: Address, amount: bigint, t: bigint, released = 0n): void {
    requireNonNegative(released, 'release');
    if (requireNonNegative(amount, 'burn') || released > 0n) {
      this.db.transaction(() => this.takeAvailable(token, account, amount, t, true, 'burn', released));
    }
  }

  /** Marks a token (an LP token) as living only inside the app: withdraw then fails with TOKEN_NOT_WITHDRAWABLE. */
  markNonWithdrawable(token: Address): void {
    this.db.transaction(() => {
      const id = this.tokenId(token, true);
      this.db.prepare('UPDATE ledger_token SET withdrawable = 0 WHERE id = ?').run(id);
    });
  }

  // ---------------------------------------------------------------- reads (never write)

  /**
   * The ledger's own available at t, without what extensions owe: what a debit can take before extensions must
   * release anything. Never calls an extension (extensions may call it).
   */
  ownAvailable(token: Address, account: Address, t: bigint): bigint {
    const tok = this.tokenId(token, false);
    const acc = this.accountId(account, false);
    if (tok === undefined || acc === undefined) return 0n;
    const stored = this.aggregates.load(acc, tok);
    return stored === undefined ? 0n : this.aggregates.project(acc, tok, stored, t).avail >> SCALE_BITS;
  }

  balanceOf(token: Address, account: Address, t: bigint): BalanceSnapshot {
    let available = 0n;
    let locked = 0n;
    let rateX64 = 0n;
    let availableRateX64 = 0n;
    let validUntil: bigint | null = null;
    const tok = this.tokenId(token, false);
    const acc = this.accountId(account, false);
    if (tok !== undefined && acc !== undefined) {
      const stored = this.aggregates.load(acc, tok);
      if (stored !== undefined) {
        const agg = this.aggregates.project(acc, tok, stored, t);
        available = agg.avail >> SCALE_BITS;
        locked = (agg.locked + SCALE - 1n) >> SCALE_BITS;
        rateX64 = (agg.inRate - agg.outRate) >> TO_X64;
        availableRateX64 = agg.inRate >> TO_X64;
        validUntil = this.aggregates.nextChange(acc, tok, agg.at);
      }
    }
    for (const ext of this.extensions) {
      const v = ext.view(token, account, t);
      available += v.owed;
      locked += v.locked;
      rateX64 += v.owedRateX64 + v.lockedRateX64;
      availableRateX64 += v.owedRateX64;
      if (v.validUntil !== null && (validUntil === null || v.validUntil < validUntil)) validUntil = v.validUntil;
    }
    return { balance: available + locked, available, locked, rateX64, availableRateX64, validUntil };
  }

  /** Tokens the account ever held in the ledger, in numeric address order. */
  accountTokens(account: Address): Address[] {
    const acc = this.accountId(account, false);
    if (acc === undefined) return [];
    return this.db
      .prepare(
        'SELECT t.address AS address FROM ledger_balance b JOIN ledger_token t ON t.id = b.token WHERE b.account = ? ORDER BY t.address',
      )
      .all<{ address: Uint8Array }>(acc)
      .map((r) => decodeAddress(r.address));
  }

  tokens(): { token: Address; totalSupply: bigint; withdrawable: boolean }[] {
    return this.db
      .prepare('SELECT address, supply, withdrawable FROM ledger_token ORDER BY address')
      .all<{ address: Uint8Array; supply: Uint8Array; withdrawable: bigint }>()
      .map((r) => ({ token: decodeAddress(r.address), totalSupply: decodeAmount(r.supply), withdrawable: r.withdrawable !== 0n }));
  }

  /** Whether the token may leave (and enter) the app through the portals: false for in-app tokens (LP tokens); true for unknown tokens. */
  isWithdrawable(token: Address): boolean {
    const row = this.db.prepare('SELECT withdrawable FROM ledger_token WHERE address = ?').get<{ withdrawable: bigint }>(encodeAddress(token));
    return row === undefined || row.withdrawable !== 0n;
  }

  totalSupply(token: Address): bigint {
    const row = this.db.prepare('SELECT supply FROM ledger_token WHERE address = ?').get<{ supply: Uint8Array }>(encodeAddress(token));
    return row === undefined ? 0n : decodeAmount(row.supply);
  }

  stream(id: bigint, t: bigint): StreamRecord | undefined {
    const row = this.streamRow(id);
    return row === undefined ? undefined : toRecord(row, t);
  }

  /** An account's streams, newest first. */
  streamsOf(
    account: Address,
    direction: 'incoming' | 'outgoing',
    t: bigint,
    page: StreamPage,
  ): { streams: StreamRecord[]; total: number } {
    const acc = this.accountId(account, false);
    if (acc === undefined) return { streams: [], total: 0 };
    const column = direction === 'incoming' ? 'receiver' : 'sender';
    const counter = direction === 'incoming' ? 'n_in' : 'n_out';
    const total = this.db
      .prepare(`SELECT COALESCE(SUM(${counter}), 0) AS n FROM ledger_balance WHERE account = ?`)
      .get<{ n: bigint }>(acc);
    const rows = this.db
      .prepare(`SELECT ${STREAM_COLUMNS} WHERE s.${column} = ? ORDER BY s.id DESC LIMIT ? OFFSET ?`)
      .all<StreamRow>(acc, BigInt(page.limit), BigInt(page.offset));
    return { streams: rows.map((r) => toRecord(r, t)), total: Number(total?.n ?? 0n) };
  }

  // ---------------------------------------------------------------- internals

  private streamRow(id: bigint): StreamRow | undefined {
    if (!isRowId(id)) return undefined; // a uint256 id from an input may exceed what SQLite can bind
    return this.db.prepare(`SELECT ${STREAM_COLUMNS} WHERE s.id = ?`).get<StreamRow>(id);
  }

  private accountId(address: Address, create: true): bigint;
  private accountId(address: Address, create: boolean): bigint | undefined;
  private accountId(address: Address, create: boolean): bigint | undefined {
    const bytes = encodeAddress(address);
    const row = this.db.prepare('SELECT id FROM ledger_account WHERE address = ?').get<{ id: bigint }>(bytes);
    if (row !== undefined) return row.id;
    if (!create) return undefined;
    return this.db.prepare('INSERT INTO ledger_account (address) VALUES (?)').run(bytes).lastInsertRowid;
  }

  private tokenId(address: Address, create: true): bigint;
  private tokenId(address: Address, create: boolean): bigint | undefined;
  private tokenId(address: Address, create: boolean): bigint | undefined {
    const bytes = encodeAddress(address);
    const row = this.db.prepare('SELECT id FROM ledger_token WHERE address = ?').get<{ id: bigint }>(bytes);
    if (row !== undefined) return row.id;
    if (!create) return undefined;
    return this.db
      .prepare('INSERT INTO ledger_token (address, supply, withdrawable) VALUES (?, ?, 1)')
      .run(bytes, encodeAmount(0n)).lastInsertRowid;
  }

  /**
   * Settles the account's aggregate to t in memory and checks it can pay `amount`. User operations (`released`
   * undefined) ask every extension to settle when the ledger's own available falls short, and book what they release
   * into this same in-memory aggregate; a composition primitive brings what its calling extension released instead.
   * The caller takes the debit and saves the aggregate once (settling deletes the due pending starts: a reload of the
   * stored row before that save would lose them).
   */
  private settleDebited(
    token: Address,
    account: Address,
    amount: bigint,
    t: bigint,
    what: string,
    released?: bigint,
  ): { tok: bigint; id: bigint; agg: Aggregate } {
    let settled = this.settleOwn(token, account, t);
    let inflow = released ?? 0n;
    // Extensions are asked to pay in only when the ledger's own figures fall short: what they owe is already part of
    // every read (view), and paying it in means executing their pools, the dearest part of a debit.
    if (released === undefined && (settled === undefined || settled.agg.avail >> SCALE_BITS < amount)) {
      for (const ext of this.extensions) {
        const r = ext.settle(token, account, t);
        if (typeof r !== 'bigint' || r < 0n) throw new InvariantViolation(`A balance extension released ${String(r)} of ${token} to ${account}.`);
        inflow += r;
      }
    }
    if (inflow > 0n) {
      settled ??= (() => {
        const tok = this.tokenId(token, true);
        const id = this.accountId(account, true);
        return { tok, id, agg: this.aggregates.settle(id, tok, t) };
      })();
      settled.agg.avail += inflow * SCALE;
    }
    if (settled === undefined) throw insufficient(token, account, 0n, amount, what);
    const available = settled.agg.avail >> SCALE_BITS;
    if (available < amount) throw insufficient(token, account, available, amount, what);
    return settled;
  }

  /** The account's aggregate settled to t in memory, without asking the extensions (undefined: the ledger never saw it). */
  private settleOwn(token: Address, account: Address, t: bigint): { tok: bigint; id: bigint; agg: Aggregate } | undefined {
    const tok = this.tokenId(token, false);
    const id = this.accountId(account, false);
    if (tok === undefined || id === undefined) return undefined;
    return { tok, id, agg: this.aggregates.settle(id, tok, t) };
  }

  private takeAvailable(token: Address, account: Address, amount: bigint, t: bigint, burn: boolean, what: string, released?: bigint): void {
    const { tok, id, agg } = this.settleDebited(token, account, amount, t, what, released);
    agg.avail -= amount * SCALE;
    this.aggregates.save(id, tok, agg);
    if (burn) this.changeSupply(tok, -amount);
  }

  private addAvailable(token: Address, account: Address, amount: bigint, t: bigint, mint: boolean): void {
    const tok = this.tokenId(token, true);
    const id = this.accountId(account, true);
    const agg = this.aggregates.settle(id, tok, t);
    agg.avail += amount * SCALE;
    this.aggregates.save(id, tok, agg);
    if (mint) this.changeSupply(tok, amount);
  }

  private changeSupply(tok: bigint, delta: bigint): void {
    const row = this.db.prepare('SELECT supply FROM ledger_token WHERE id = ?').get<{ supply: Uint8Array }>(tok);
    const supply = decodeAmount(row?.supply ?? new Uint8Array(0)) + delta;
    this.db.prepare('UPDATE ledger_token SET supply = ? WHERE id = ?').run(encodeAmount(supply), tok);
  }
}
