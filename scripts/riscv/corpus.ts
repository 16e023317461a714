/**
 * A recorded corpus of rollup inputs for the riscv64 determinism check (determinism.ts): every input kind the back-end
 * takes (ERC-20 and Ether portal deposits, and the nine dappAbi calls), and the bad ones it must reject (malformed
 * deposits, unknown selectors, truncated or non-canonical calldata, overdrafts, other people's streams and orders,
 * starts in the past, zero amounts), with block timestamps that never decrease.
 *
 * Pure and seeded: `generateCorpus(seed, n)` gives the same inputs on every machine (a 32-bit PRNG on integer
 * arithmetic, no floats in what it emits, no Date, no Math.random), so the corpus can always be regenerated
 * byte for byte; determinism.ts also records it to a file (one JSON line per input) and prints its SHA-256.
 */
import { CARTESI_V2_2_ADDRESSES, dappAbi, ETHER_TOKEN } from '@streamswap/protocol';
import { type Address, type Hex, concatHex, encodeFunctionData, encodePacked, numberToHex } from 'viem';

export interface CorpusInput {
  /** What the generator meant to send (for the per-kind counts); the back-end never sees it. */
  kind: string;
  /** EvmAdvance msg_sender: an account, or a portal for deposits. */
  sender: Address;
  payload: Hex;
  timestamp: number;
}

export const CORPUS_SEED = 0x5eed2026;
export const TOKEN_A: Address = '0x1000000000000000000000000000000000000001';
export const TOKEN_B: Address = '0x2000000000000000000000000000000000000002';
const ACCOUNTS: Address[] = Array.from({ length: 8 }, (_, i) => `0x${(0xacc0 + i).toString(16).padStart(40, '0')}` as Address);
const T0 = 1_800_000_000;

/** mulberry32: a 32-bit PRNG on integer operations only, identical on every JavaScript engine and architecture. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const int = (n: number) => next() % n; // modulo bias is irrelevant here; identical everywhere is what counts
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  /** A bigint of 0..2^bits-1 from 32-bit draws. */
  const bits = (count: number): bigint => {
    let v = 0n;
    for (let got = 0; got < count; got += 32) v = (v << 32n) | BigInt(next());
    return v & ((1n << BigInt(count)) - 1n);
  };
  /** Amounts over many magnitudes: 1 wei to about 10^24, with some round values. */
  const amount = (maxDigits = 24): bigint => {
    const digits = 1 + int(maxDigits);
    const base = 10n ** BigInt(digits - 1);
    return int(4) === 0 ? base : base + (bits(80) % (base * 9n));
  };
  return { next, int, pick, bits, amount };
}

type Rng = ReturnType<typeof prng>;

const call = (c: Omit<Parameters<typeof encodeFunctionData<typeof dappAbi>>[0], 'abi'>): Hex =>
  encodeFunctionData({ abi: dappAbi, ...c } as Parameters<typeof encodeFunctionData<typeof dappAbi>>[0]);

/** Weighted kinds: mostly valid traffic (so the state grows and later inputs act on it), plus every kind of bad input. */
const KINDS: [string, number][] = [
  ['depositErc20', 11],
  ['depositEther', 3],
  ['badDeposit', 2],
  ['transfer', 9],
  ['stream', 13],
  ['cancelStream', 6],
  ['withdraw', 6],
  ['addLiquidity', 7],
  ['removeLiquidity', 4],
  ['swapInstant', 11],
  ['swapStreamed', 8],
  ['swapWithLimit', 4],
  ['cancelSwap', 5],
  ['garbage', 4],
];
const TOTAL_WEIGHT = KINDS.reduce((n, [, w]) => n + w, 0);

/**
 * What the back-end answered to an input, for aiming later cancels at streams and orders that exist: the notices
 * of an accepted input, [] for a rejected one. determinism.ts passes the real back-end on the host; without an oracle
 * cancels aim at guessed ids. Either way the corpus is a function of the seed (the back-end is deterministic).
 */
export type Oracle = (input: CorpusInput) => { kind: string; [field: string]: unknown }[];

export function generateCorpus(seed: number = CORPUS_SEED, n = 10_000, oracle?: Oracle): CorpusInput[] {
  const r = prng(seed);
  const inputs: CorpusInput[] = [];
  let t = T0;
  // What the generator has asked for so far: ids are guessed around these (some exist, some do not, some are others').
  // Streams and orders the oracle saw opened (id, owner), most recent last; cancels pick among the recent ones.
  const streams: Owned[] = [];
  const orders: Owned[] = [];
  for (let i = 0; i < n; i++) {
    // block time: mostly forward by seconds to hours, sometimes several inputs in one block
    t += r.int(5) === 0 ? 0 : 1 + r.int(r.int(10) === 0 ? 86_400 : 900);
    let w = r.int(TOTAL_WEIGHT);
    let kind = KINDS[0]![0];
    for (const [k, weight] of KINDS) {
      if (w < weight) {
        kind = k;
        break;
      }
      w -= weight;
    }
    const input: CorpusInput = { kind, ...make(r, kind, t, streams, orders), timestamp: t };
    inputs.push(input);
    for (const notice of oracle?.(input) ?? []) {
      if (notice.kind === 'streamOpened') streams.push({ id: BigInt(notice.streamId as string), owner: notice.sender as Address });
      if (notice.kind === 'orderPlaced') orders.push({ id: BigInt(notice.orderId as string), owner: notice.owner as Address });
    }
  }
  return inputs;
}

interface Owned {
  id: bigint;
  owner: Address;
}

/**
 * A cancel of a recent stream or order, mostly by its owner; some are someone else's, some ids do not exist, and
 * some target what has already ended or been canceled: each of those must be rejected.
 */
function cancelTarget(r: Rng, opened: readonly Owned[]): { id: bigint; sender: Address } {
  if (opened.length === 0 || r.int(10) === 0) return { id: BigInt(r.int(opened.length + 5)), sender: r.pick(ACCOUNTS) };
  const target = opened[opened.length - 1 - r.int(Math.min(opened.length, 30))]!;
  return { id: target.id, sender: r.int(6) === 0 ? r.pick(ACCOUNTS) : target.owner };
}

function make(r: Rng, kind: string, t: number, streams: readonly Owned[], orders: readonly Owned[]): { sender: Address; payload: Hex } {
  const who = r.pick(ACCOUNTS);
  const other = r.pick(ACCOUNTS);
  const token = r.pick([TOKEN_A, TOKEN_A, TOKEN_B, TOKEN_B, ETHER_TOKEN]);
  const pair = r.int(3) === 0 ? [TOKEN_A, ETHER_TOKEN] : r.int(2) === 0 ? [TOKEN_A, TOKEN_B] : [TOKEN_B, TOKEN_A];
  const [tokenIn, tokenOut] = pair as [Address, Address];
  const start = (): bigint => (r.int(3) === 0 ? BigInt(t + r.int(7200)) : r.int(15) === 0 ? BigInt(t - 1 - r.int(1000)) : 0n);
  const duration = (max: number): bigint => BigInt(r.int(8) === 0 ? 0 : 1 + r.int(max));
  switch (kind) {
    case 'depositErc20':
      return {
        sender: CARTESI_V2_2_ADDRESSES.erc20Portal,
        payload: encodePacked(['address', 'address', 'uint256'], [r.pick([TOKEN_A, TOKEN_B]), who, r.int(20) === 0 ? 0n : r.amount(27)]),
      };
    case 'depositEther':
      return { sender: CARTESI_V2_2_ADDRESSES.etherPortal, payload: encodePacked(['address', 'uint256'], [who, r.int(20) === 0 ? 0n : r.amount(22)]) };
    case 'badDeposit': {
      const full = encodePacked(['address', 'address', 'uint256'], [TOKEN_A, who, r.amount()]);
      return r.int(2) === 0
        ? { sender: CARTESI_V2_2_ADDRESSES.erc20Portal, payload: full.slice(0, 2 + 2 * (1 + r.int(71))) as Hex }
        : { sender: CARTESI_V2_2_ADDRESSES.etherPortal, payload: encodePacked(['address'], [who]) };
    }
    case 'transfer':
      return { sender: who, payload: call({ functionName: 'transfer', args: [token, other, r.amount()] }) };
    case 'stream':
      return { sender: who, payload: call({ functionName: 'stream', args: [token, other, r.amount(), start(), duration(400_000)] }) };
    case 'cancelStream': {
      const { id, sender } = cancelTarget(r, streams);
      return { sender, payload: call({ functionName: 'cancelStream', args: [id] }) };
    }
    case 'withdraw':
      return { sender: who, payload: call({ functionName: 'withdraw', args: [token, r.amount(22)] }) };
    case 'addLiquidity': {
      const a = r.amount(24);
      const b = r.amount(24);
      const min = (x: bigint) => (r.int(6) === 0 ? x : 0n);
      return { sender: who, payload: call({ functionName: 'addLiquidity', args: [tokenIn, tokenOut, a, b, min(a), min(b)] }) };
    }
    case 'removeLiquidity':
      return { sender: who, payload: call({ functionName: 'removeLiquidity', args: [tokenIn, tokenOut, r.amount(22), 0n, r.int(8) === 0 ? r.amount() : 0n] }) };
    case 'swapInstant':
      return { sender: who, payload: call({ functionName: 'swap', args: [tokenIn, tokenOut, r.amount(22), r.int(6) === 0 ? r.amount(20) : 0n, 0n, 0n] }) };
    case 'swapStreamed':
      return { sender: who, payload: call({ functionName: 'swap', args: [tokenIn, tokenOut, r.amount(22), 0n, start(), 1n + duration(200_000)] }) };
    case 'swapWithLimit':
      return {
        sender: who,
        payload: call({ functionName: 'swapWithLimit', args: [tokenIn, tokenOut, r.amount(22), 0n, start(), 1n + duration(200_000), r.bits(r.int(2) === 0 ? 58 : 66)] }),
      };
    case 'cancelSwap': {
      const { id, sender } = cancelTarget(r, orders);
      return { sender, payload: call({ functionName: 'cancelSwap', args: [id] }) };
    }
    default:
      return { sender: who, payload: garbage(r, who) };
  }
}

/** Inputs no well-behaved client sends: each must be rejected with a stable code and change nothing. */
function garbage(r: Rng, who: Address): Hex {
  const valid = call({ functionName: 'transfer', args: [TOKEN_A, who, 1n] });
  switch (r.int(7)) {
    case 0: // unknown selector
      return concatHex([numberToHex(r.bits(32), { size: 4 }), valid.slice(10) as Hex]);
    case 1: // truncated arguments
      return valid.slice(0, 2 + 8 + 2 * r.int(96)) as Hex;
    case 2: // an address word with dirty high bytes (non-canonical ABI)
      return `${valid.slice(0, 10)}ff${valid.slice(12)}` as Hex;
    case 3: // trailing bytes after the arguments
      return concatHex([valid, '0x00']);
    case 4: // empty payload
      return '0x';
    case 5: // uint64 field over 2^64
      return `${call({ functionName: 'stream', args: [TOKEN_A, who, 1n, 0n, 10n] }).slice(0, 2 + 8 + 64 * 4)}${'f'.repeat(64)}` as Hex;
    default: // a valid call of a zero amount
      return call({ functionName: 'transfer', args: [TOKEN_B, who, 0n] });
  }
}
