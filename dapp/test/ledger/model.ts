/**
 * An obviously-correct reference model of the ledger: per-stream arithmetic, no aggregates, no scaling.
 * A stream pays floor(amount * (t - start) / duration) by t; a cancel lets the receiver keep
 * ceil(amount * elapsed / duration) (the ledger's documented cancel rounding) and refunds the rest.
 */
export interface ModelStream {
  id: bigint;
  from: number;
  to: number;
  amount: bigint;
  start: bigint;
  duration: bigint;
  canceledAt: bigint | null;
  kept: bigint;
}

export class Model {
  /** Integer wei per account that is not in any stream (deposits, transfers, refunds, spent). */
  readonly free: bigint[];
  readonly streams: ModelStream[] = [];
  deposits = 0n;
  withdrawals = 0n;

  constructor(readonly accounts: number) {
    this.free = Array.from({ length: accounts }, () => 0n);
  }

  static streamed(s: ModelStream, t: bigint): bigint {
    if (s.canceledAt !== null && t >= s.canceledAt) return s.kept;
    if (t < s.start) return 0n;
    if (t >= s.start + s.duration) return s.amount;
    return (s.amount * (t - s.start)) / s.duration;
  }

  available(a: number, t: bigint): bigint {
    let v = this.free[a]!;
    for (const s of this.streams) if (s.to === a) v += Model.streamed(s, t);
    return v;
  }

  locked(a: number, t: bigint): bigint {
    let v = 0n;
    for (const s of this.streams) {
      if (s.from !== a || (s.canceledAt !== null && t >= s.canceledAt)) continue;
      v += s.amount - Model.streamed(s, t);
    }
    return v;
  }

  /** Streams of `a` (in or out) strictly between their start and end at t: only these may round. */
  inFlight(a: number, t: bigint, side: 'in' | 'out'): number {
    return this.streams.filter(
      (s) =>
        (side === 'in' ? s.to === a : s.from === a) &&
        s.canceledAt === null &&
        t > s.start &&
        t < s.start + s.duration,
    ).length;
  }

  deposit(a: number, amount: bigint): void {
    this.free[a]! += amount;
    this.deposits += amount;
  }

  /** Debits `a` (transfer out, withdraw, stream escrow): the caller checked the ledger allowed it. */
  spend(a: number, amount: bigint): void {
    this.free[a]! -= amount;
  }

  withdraw(a: number, amount: bigint): void {
    this.spend(a, amount);
    this.withdrawals += amount;
  }

  openStream(s: Omit<ModelStream, 'canceledAt' | 'kept'>): void {
    this.spend(s.from, s.amount);
    this.streams.push({ ...s, canceledAt: null, kept: 0n });
  }

  cancel(s: ModelStream, t: bigint): { streamed: bigint; refunded: bigint } {
    const elapsed = t > s.start ? t - s.start : 0n;
    const kept = elapsed === 0n ? 0n : (s.amount * elapsed + s.duration - 1n) / s.duration;
    // Move the kept part into the receiver's free balance so streamed() no longer counts it.
    s.canceledAt = t;
    s.kept = kept;
    this.free[s.from]! += s.amount - kept;
    return { streamed: kept, refunded: s.amount - kept };
  }
}
