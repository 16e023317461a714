/**
 * The riscv64 benchmark: with 100,000 open streams in the database, time opening one more stream, one
 * instant swap, and one streamed-order execution (settling an order that has run for a while), each
 * through the back-end's own Ledger/Amm APIs on the SQLite binding openDatabase picks for this machine.
 * Prints one JSON line: {"bench":"riscv","openStreams":100000,"openMs":..,"instantSwapMs":..,"executeMs":..}
 *
 * Usage: node bench.mjs [openStreams=100000]   (STREAMSWAP_SQLITE=better|wasm to force a binding)
 */
import { performance } from 'node:perf_hooks';
import { arch } from 'node:process';
import type { Address } from 'viem';
import * as dapp from '../../dapp/src/index.js';

const OPEN_STREAMS = Number(process.argv[2] ?? 100_000);
const T0 = 1_800_000_000n;
const DAY = 86_400n;
const E18 = 10n ** 18n;
const addr = (n: number): Address => `0x${n.toString(16).padStart(40, '0')}` as Address;
const TOKEN_A = '0x1000000000000000000000000000000000000001' as Address;
const TOKEN_B = '0x2000000000000000000000000000000000000002' as Address;
const WHALE = addr(0xa11ce);
const TRADER = addr(0xb0b);

const ms = (start: number) => Number((performance.now() - start).toFixed(3));
const { Ledger, Amm, openDatabase, sqliteBinding } = dapp as Record<string, any>;
if (typeof Ledger !== 'function') {
  console.error('bench: the Ledger (dapp/src/ledger) is not exported from dapp/src/index.ts yet');
  process.exit(2);
}

const db = openDatabase(':memory:');
const ledger = new Ledger(db);
const amm = typeof Amm === 'function' ? new Amm(db, ledger) : undefined;

const setupStart = performance.now();
db.transaction(() => {
  ledger.deposit(TOKEN_A, WHALE, BigInt(OPEN_STREAMS + 10) * E18 * 1000n, T0);
  ledger.deposit(TOKEN_B, WHALE, 10n ** 9n * E18, T0);
  ledger.deposit(TOKEN_A, TRADER, 10n ** 6n * E18, T0);
});
// Fill in chunks: one huge transaction would hold every change in the journal at once.
const CHUNK = 5_000;
for (let done = 0; done < OPEN_STREAMS; done += CHUNK) {
  db.transaction(() => {
    for (let i = done; i < Math.min(done + CHUNK, OPEN_STREAMS); i++) {
      ledger.openStream(TOKEN_A, WHALE, addr(0x100000 + i), 1000n * E18, 0n, 30n * DAY + BigInt(i % 1000), T0);
    }
  });
}
const setupMs = ms(setupStart);

// One more stream, 100k streams already open: one rollup input's worth of work, in its own transaction.
let start = performance.now();
db.transaction(() => ledger.openStream(TOKEN_A, WHALE, addr(0xfeed), 5n * E18, 0n, 7n * DAY, T0 + 10n));
const openMs = ms(start);

let instantSwapMs: number | null = null;
let executeMs: number | null = null;
if (amm) {
  db.transaction(() => amm.addLiquidity(WHALE, TOKEN_A, TOKEN_B, 10n ** 7n * E18, 10n ** 7n * E18, 0n, 0n, T0 + 20n));
  // Another streamed order keeps the pool's virtual-order machinery busy during the measured swap.
  db.transaction(() => amm.swap(WHALE, TOKEN_B, TOKEN_A, 10n ** 4n * E18, 0n, 0n, 30n * DAY, T0 + 30n));

  start = performance.now();
  db.transaction(() => amm.swap(TRADER, TOKEN_A, TOKEN_B, 100n * E18, 0n, 0n, 0n, T0 + 40n));
  instantSwapMs = ms(start);

  const order = db.transaction(() => amm.swap(TRADER, TOKEN_A, TOKEN_B, 1000n * E18, 0n, 0n, 10n * DAY, T0 + 50n));
  // Execution of the streamed order: five days later, the trader's next debit settles what it bought so far.
  start = performance.now();
  db.transaction(() => ledger.transfer(TOKEN_B, TRADER, WHALE, 1n, T0 + 50n + 5n * DAY));
  executeMs = ms(start);
  if (order.kind !== 'order') throw new Error('bench: the streamed swap did not create an order');
}

console.error(
  `bench: arch ${arch}, binding ${typeof sqliteBinding === 'function' ? sqliteBinding() : 'default'}, ` +
    `setup of ${OPEN_STREAMS} streams ${(setupMs / 1000).toFixed(1)} s${amm ? '' : ', no Amm exported yet'}`,
);
console.log(JSON.stringify({ bench: 'riscv', openStreams: OPEN_STREAMS, openMs, instantSwapMs, executeMs }));
db.close();
