import { describe, expect, it } from 'vitest';
import { poolUnitsToWei, poolUnitsToWeiCeil, weiToPoolUnits, X64, x96ToX64 } from '../fixedPoint/scales.js';
import { advance, arraySchedule, type ScheduleRow, type ScheduleSource, type TwammPool } from './virtualOrders.js';

const E18 = 10n ** 18n;

function pool(): TwammPool {
  const side = (rate: bigint) => ({ rate, sold: 0n, ef: 0n, owed: 0n });
  return { reserve0: weiToPoolUnits(1000n * E18), reserve1: weiToPoolUnits(3000n * E18), lastT: 0n, sides: [side(E18 * X64), side(2n * E18 * X64)] };
}

/** Rate changes at 1..n s in both directions, some instants with two rows, rates staying positive. */
function schedule(n: number): ScheduleRow[] {
  const rows: ScheduleRow[] = [];
  for (let i = 1; i <= n; i++) {
    const t = BigInt(i * 7 + (i % 3));
    if (i % 2 === 0) rows.push({ t, dir: 0, delta: (BigInt(i) * X64) / 3n, ends: 0 });
    if (i % 3 !== 0) rows.push({ t, dir: 1, delta: -BigInt(i % 5) * 1000n, ends: 1 });
  }
  return rows;
}

/** Serves the rows in pages of about `size` rows, never cutting an instant in two (the source's contract). */
function paged(rows: ScheduleRow[], size: number): ScheduleSource {
  const all = arraySchedule(rows);
  return {
    next(after, upTo) {
      const rest = all.next(after, upTo);
      let n = Math.min(size, rest.length);
      while (n < rest.length && (rest[n] as ScheduleRow).t === (rest[n - 1] as ScheduleRow).t) n++;
      return rest.slice(0, n);
    },
  };
}

const snapshot = (p: TwammPool) => JSON.stringify(p, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

describe('TWAMM engine (advance)', () => {
  it('gives the same pool whatever the page size of the schedule source', () => {
    const rows = schedule(300);
    const whole = pool();
    advance(whole, 2500n, arraySchedule(rows));
    for (const size of [1, 2, 7, 64]) {
      const p = pool();
      advance(p, 2500n, paged(rows, size));
      expect(snapshot(p)).toBe(snapshot(whole));
    }
    expect(whole.sides[0].ef).toBeGreaterThan(0n);
    expect(whole.sides[1].owed).toBeGreaterThan(0n);
  });

  it('stops at every schedule point once, with the accumulators before the point applies', () => {
    const rows = schedule(50);
    const seen: bigint[] = [];
    const p = pool();
    advance(p, 10_000n, arraySchedule(rows), {
      onPoint: (s, batch, from, to) => {
        seen.push(s.lastT);
        for (let i = from; i < to; i++) expect((batch[i] as ScheduleRow).t).toBe(s.lastT);
      },
    });
    expect(seen).toEqual([...new Set(rows.map((r) => r.t))]);
    expect(p.lastT).toBe(10_000n);
  });

  it('walks nothing when t is not after the pool time', () => {
    const p = pool();
    p.lastT = 50n;
    const before = snapshot(p);
    advance(p, 50n, arraySchedule(schedule(10)));
    expect(snapshot(p)).toBe(before);
  });
});

describe('fixed-point scales', () => {
  it('converts between wei and 2^-64 wei units, rounding as named', () => {
    expect(poolUnitsToWei(weiToPoolUnits(12345n))).toBe(12345n);
    expect(poolUnitsToWei(weiToPoolUnits(7n) + X64 - 1n)).toBe(7n);
    expect(poolUnitsToWeiCeil(weiToPoolUnits(7n) + 1n)).toBe(8n);
    expect(poolUnitsToWeiCeil(weiToPoolUnits(7n))).toBe(7n);
    expect(x96ToX64(3n << 96n)).toBe(3n << 64n);
    expect(x96ToX64(-1n)).toBe(-1n); // net rates round toward -infinity
  });
});
