// The corpus test:machine replays in host mode and in the Cartesi machine: advance inputs of every kind of
// dappAbi, ERC-20 and Ether portal deposits (v2 packed layouts), rejections of every class (decoding, ledger,
// AMM), and inspect routes (valid and invalid), interleaved. Deterministic for a seed. An in-process
// StreamSwapApp on an in-memory database is only the generator's model (to learn stream and order ids and to
// label each input); the outputs compared are those of the two real runs.
import { CARTESI_V2_2_ADDRESSES, ETHER_TOKEN, dappAbi, lpTokenAddress } from '@streamswap/protocol';
import { type Address, type Hex, concat, encodeFunctionData, encodePacked, getAddress, padHex, stringToHex, toHex } from 'viem';
import { StreamSwapApp } from '../../dapp/src/app/StreamSwapApp.js';
import { openDatabase } from '../../dapp/src/storage/openDatabase.js';

/** What each advance is, for the cycle figures: the kind of its input, or `reject` when the model rejected it. */
export type InputLabel =
  | 'deposit'
  | 'transfer'
  | 'stream'
  | 'cancelStream'
  | 'withdraw'
  | 'addLiquidity'
  | 'removeLiquidity'
  | 'swap'
  | 'order'
  | 'cancelSwap'
  | 'reject'
  /** meant as a rejection, but the app accepted it */
  | 'other';

export type Step =
  | { kind: 'advance'; index: number; sender: Address; timestamp: number; payload: Hex; label: InputLabel; expectCode?: string }
  | { kind: 'inspect'; payload: Hex; route: string };

type Call = Omit<Parameters<typeof encodeFunctionData<typeof dappAbi>>[0], 'abi'>;
const call = (c: Call): Hex => encodeFunctionData({ abi: dappAbi, ...c } as Parameters<typeof encodeFunctionData<typeof dappAbi>>[0]);

/** mulberry32: a small seeded generator, so the corpus is the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const big = (lo: bigint, hi: bigint) => lo + (BigInt(Math.floor(next() * 2 ** 52)) * (hi - lo)) / 2n ** 52n;
  return { next, int, pick, big };
}

const E18 = 10n ** 18n;
const accounts: Address[] = Array.from({ length: 6 }, (_, i) => getAddress(padHex(toHex(0xa11ce0 + i), { size: 20 })));
const tokens: Address[] = [1, 2, 3].map((i) => getAddress(padHex(toHex(0x70c0 + i), { size: 20 })));
const allTokens: Address[] = [...tokens, ETHER_TOKEN];
const pairs: [Address, Address][] = [
  [tokens[0]!, tokens[1]!],
  [tokens[0]!, tokens[2]!],
  [tokens[1]!, ETHER_TOKEN],
];

export interface CorpusOptions {
  advances: number;
  /** One inspect after every `inspectEvery` advances. */
  inspectEvery: number;
  seed: number;
}

export function makeCorpus({ advances, inspectEvery, seed }: CorpusOptions): Step[] {
  const r = prng(seed);
  const model = new StreamSwapApp(openDatabase(':memory:'));
  const steps: Step[] = [];
  let index = 0;
  let now = 1_760_000_000;
  const streams: { id: bigint; sender: Address; end: number; canceled: boolean }[] = [];
  const orders: { id: bigint; owner: Address; end: number; canceled: boolean }[] = [];

  const push = (sender: Address, payload: Hex, wanted: InputLabel): InputLabel => {
    now += r.int(1, 90);
    let label: InputLabel = wanted === 'reject' ? 'other' : wanted;
    let expectCode: string | undefined;
    try {
      const result = model.advance({ sender, timestamp: BigInt(now), index: BigInt(index) }, payload);
      for (const n of result.notices as unknown as Record<string, string | number>[]) {
        if (n.kind === 'streamOpened') {
          streams.push({ id: BigInt(n.streamId!), sender: getAddress(n.sender as Address), end: Number(n.start) + Number(n.duration), canceled: false });
        }
        if (n.kind === 'orderPlaced') {
          orders.push({ id: BigInt(n.orderId!), owner: getAddress(n.owner as Address), end: Number(n.start) + Number(n.duration), canceled: false });
        }
        if (n.kind === 'swapped') label = 'swap';
      }
    } catch (error) {
      label = 'reject';
      expectCode = (error as { code?: string }).code ?? 'INTERNAL_ERROR';
    }
    steps.push({ kind: 'advance', index, sender, timestamp: now, payload, label, ...(expectCode ? { expectCode } : {}) });
    index += 1;
    if (index % inspectEvery === 0) inspect();
    return label;
  };

  const inspectRoutes = (): string[] => {
    const a = r.pick(accounts);
    const [x, y] = r.pick(pairs);
    const t = r.pick(allTokens);
    const s = streams.length ? r.pick(streams).id : 1n;
    const o = orders.length ? r.pick(orders).id : 1n;
    return [
      'status',
      'digest',
      'tokens',
      `balance/${t}/${a}`,
      `balance/${t}/${a}?at=${now + r.int(0, 3600)}`,
      `balances/${a}`,
      `streams/${a}?limit=5`,
      `stream/${s}`,
      `orders/${a}`,
      `order/${o}`,
      `pool/${x}/${y}`,
      'pools',
      `history/${x}/${y}?from=${now - 3600}&to=${now}`,
      `quote/${x}/${y}/${r.big(E18, 100n * E18)}?duration=${r.pick([0, 600, 3600])}`,
      // invalid ones: an unknown route and bad parameters
      'nosuchroute/1',
      `balance/0x1234/${a}`,
      `stream/notanumber`,
    ];
  };
  const inspect = () => {
    const route = r.pick(inspectRoutes());
    steps.push({ kind: 'inspect', route, payload: stringToHex(route) });
  };

  const erc20Deposit = (token: Address, account: Address, amount: bigint, extra: Hex = '0x') =>
    push(CARTESI_V2_2_ADDRESSES.erc20Portal, concat([encodePacked(['address', 'address', 'uint256'], [token, account, amount]), extra]), 'deposit');
  const etherDeposit = (account: Address, amount: bigint, extra: Hex = '0x') =>
    push(CARTESI_V2_2_ADDRESSES.etherPortal, concat([encodePacked(['address', 'uint256'], [account, amount]), extra]), 'deposit');

  // Every account gets every token, then the three pools get liquidity.
  for (const a of accounts) {
    for (const t of tokens) erc20Deposit(t, a, 1_000_000n * E18);
    etherDeposit(a, 1000n * E18);
  }
  for (const [x, y] of pairs) {
    push(r.pick(accounts), call({ functionName: 'addLiquidity', args: [x, y, 50_000n * E18, 40_000n * E18, 0n, 0n] }), 'addLiquidity');
  }

  // The rejections, one or more of every class the back-end has.
  const rejects: (() => void)[] = [
    () => push(r.pick(accounts), '0xdeadbeef', 'reject'), // UNKNOWN_SELECTOR
    () => push(r.pick(accounts), '0x12', 'reject'), // MALFORMED_INPUT: shorter than a selector
    () => push(r.pick(accounts), call({ functionName: 'transfer', args: [tokens[0]!, accounts[1]!, 5n] }).slice(0, 60) as Hex, 'reject'), // MALFORMED_INPUT: truncated
    () => {
      // VALUE_OUT_OF_RANGE: a uint64 word (duration) holding more than 64 bits
      const good = call({ functionName: 'stream', args: [tokens[0]!, accounts[1]!, E18, 0n, 600n] });
      push(r.pick(accounts), `${good.slice(0, 2 + 8 + 64 * 4)}${'ff'.repeat(32)}` as Hex, 'reject');
    },
    () => {
      // INVALID_ADDRESS / VALUE_OUT_OF_RANGE: dirty high bytes in an address word
      const good = call({ functionName: 'withdraw', args: [tokens[0]!, E18] });
      push(r.pick(accounts), `${good.slice(0, 10)}ff${good.slice(12)}` as Hex, 'reject');
    },
    () => push(CARTESI_V2_2_ADDRESSES.erc20Portal, encodePacked(['address', 'address'], [tokens[0]!, accounts[0]!]), 'reject'), // INVALID_DEPOSIT
    () => push(CARTESI_V2_2_ADDRESSES.etherPortal, encodePacked(['address'], [accounts[0]!]), 'reject'), // INVALID_DEPOSIT
    () => erc20Deposit(tokens[1]!, r.pick(accounts), 0n), // INVALID_AMOUNT
    () => erc20Deposit(tokens[2]!, r.pick(accounts), 2n ** 256n - 1n), // VALUE_OUT_OF_RANGE: supply past 2^256-1
    () => push(r.pick(accounts), call({ functionName: 'transfer', args: [tokens[0]!, accounts[1]!, 0n] }), 'reject'), // INVALID_AMOUNT
    () => {
      const a = r.pick(accounts);
      push(a, call({ functionName: 'transfer', args: [tokens[0]!, a, E18] }), 'reject'); // SELF_TRANSFER
    },
    () => push(r.pick(accounts), call({ functionName: 'transfer', args: [tokens[1]!, accounts[2]!, 10n ** 40n] }), 'reject'), // INSUFFICIENT_AVAILABLE
    () => push(r.pick(accounts), call({ functionName: 'stream', args: [tokens[0]!, accounts[3]!, E18, BigInt(now - 1000), 600n] }), 'reject'), // START_IN_PAST
    () => push(r.pick(accounts), call({ functionName: 'cancelStream', args: [999_999n] }), 'reject'), // STREAM_NOT_FOUND
    () => {
      const s = streams.find((x) => !x.canceled);
      const other = accounts.find((a) => a !== s?.sender)!;
      push(other, call({ functionName: 'cancelStream', args: [s?.id ?? 1n] }), 'reject'); // NOT_STREAM_SENDER
    },
    () => {
      const s = streams.find((x) => x.canceled) ?? streams.find((x) => x.end < now);
      if (s) push(s.sender, call({ functionName: 'cancelStream', args: [s.id] }), 'reject'); // STREAM_ALREADY_CANCELED / ENDED
    },
    () => {
      const [x, y] = pairs[0]!;
      push(r.pick(accounts), call({ functionName: 'withdraw', args: [lpTokenAddress(x, y), 1n] }), 'reject'); // TOKEN_NOT_WITHDRAWABLE
    },
    () => push(r.pick(accounts), call({ functionName: 'withdraw', args: [tokens[2]!, 10n ** 40n] }), 'reject'), // INSUFFICIENT_AVAILABLE
    () => push(r.pick(accounts), call({ functionName: 'addLiquidity', args: [tokens[0]!, tokens[0]!, E18, E18, 0n, 0n] }), 'reject'), // IDENTICAL_TOKENS
    () => push(r.pick(accounts), call({ functionName: 'swap', args: [tokens[2]!, ETHER_TOKEN, E18, 0n, 0n, 0n] }), 'reject'), // PAIR_NOT_FOUND
    () => {
      const [x, y] = r.pick(pairs);
      push(r.pick(accounts), call({ functionName: 'swap', args: [x, y, E18, 10n ** 30n, 0n, 0n] }), 'reject'); // INSUFFICIENT_OUTPUT_AMOUNT
    },
    () => {
      const [x, y] = r.pick(pairs);
      push(r.pick(accounts), call({ functionName: 'swap', args: [x, y, 0n, 0n, 0n, 0n] }), 'reject'); // INSUFFICIENT_INPUT_AMOUNT
    },
    () => {
      const [x, y] = r.pick(pairs);
      push(r.pick(accounts), call({ functionName: 'removeLiquidity', args: [x, y, 10n ** 40n, 0n, 0n] }), 'reject'); // INSUFFICIENT_AVAILABLE (LP)
    },
    () => {
      const [x, y] = r.pick(pairs);
      push(r.pick(accounts), call({ functionName: 'addLiquidity', args: [x, y, E18, E18, 10n ** 30n, 10n ** 30n] }), 'reject'); // INSUFFICIENT_A/B_AMOUNT
    },
    () => push(r.pick(accounts), call({ functionName: 'cancelSwap', args: [999_999n] }), 'reject'), // ORDER_NOT_FOUND
    () => {
      const o = orders.find((x) => !x.canceled);
      const other = accounts.find((a) => a !== o?.owner)!;
      push(other, call({ functionName: 'cancelSwap', args: [o?.id ?? 1n] }), 'reject'); // NOT_ORDER_OWNER
    },
    () => {
      const [x, y] = r.pick(pairs);
      push(r.pick(accounts), call({ functionName: 'swap', args: [x, y, 1n, 0n, 0n, 100_000n] }), 'reject'); // ORDER_TOO_SMALL
    },
    () => {
      const [x, y] = r.pick(pairs);
      push(r.pick(accounts), call({ functionName: 'swapWithLimit', args: [x, y, E18, 0n, 0n, 0n, 2n ** 200n] }), 'reject'); // limit not met
    },
  ];

  let nextReject = 0;
  while (index < advances) {
    const a = r.pick(accounts);
    const b = r.pick(accounts.filter((x) => x !== a));
    const t = r.pick(allTokens);
    const roll = r.next();
    if (roll < 0.08) {
      if (r.next() < 0.5) erc20Deposit(r.pick(tokens), a, r.big(E18, 1000n * E18), r.next() < 0.2 ? '0xc0ffee' : '0x');
      else etherDeposit(a, r.big(E18 / 100n, 10n * E18), r.next() < 0.2 ? '0xbeef' : '0x');
    } else if (roll < 0.2) {
      push(a, call({ functionName: 'transfer', args: [t, b, r.big(1n, 100n * E18)] }), 'transfer');
    } else if (roll < 0.32) {
      const start = r.next() < 0.5 ? 0n : BigInt(now + r.int(100, 3600));
      push(a, call({ functionName: 'stream', args: [t, b, r.big(E18, 1000n * E18), start, BigInt(r.int(60, 86_400))] }), 'stream');
    } else if (roll < 0.38) {
      const mine = streams.filter((s) => !s.canceled && s.end > now + 100);
      const s = mine.length ? r.pick(mine) : undefined;
      if (s && push(s.sender, call({ functionName: 'cancelStream', args: [s.id] }), 'cancelStream') === 'cancelStream') s.canceled = true;
    } else if (roll < 0.45) {
      push(a, call({ functionName: 'withdraw', args: [t, r.big(1n, 10n * E18)] }), 'withdraw');
    } else if (roll < 0.5) {
      const [x, y] = r.pick(pairs);
      const amt = r.big(E18, 500n * E18);
      push(a, call({ functionName: 'addLiquidity', args: [x, y, amt, amt, 0n, 0n] }), 'addLiquidity');
    } else if (roll < 0.53) {
      const [x, y] = r.pick(pairs);
      push(a, call({ functionName: 'removeLiquidity', args: [x, y, r.big(1000n, E18), 0n, 0n] }), 'removeLiquidity');
    } else if (roll < 0.66) {
      const [x, y] = r.pick(pairs);
      const [i, o] = r.next() < 0.5 ? [x, y] : [y, x];
      if (r.next() < 0.8) push(a, call({ functionName: 'swap', args: [i, o, r.big(E18 / 1000n, 50n * E18), 0n, 0n, 0n] }), 'swap');
      else push(a, call({ functionName: 'swapWithLimit', args: [i, o, r.big(E18 / 1000n, 50n * E18), 0n, 0n, 0n, 1n] }), 'swap');
    } else if (roll < 0.76) {
      const [x, y] = r.pick(pairs);
      const [i, o] = r.next() < 0.5 ? [x, y] : [y, x];
      const start = r.next() < 0.7 ? 0n : BigInt(now + r.int(60, 1800));
      push(a, call({ functionName: 'swap', args: [i, o, r.big(E18, 200n * E18), 0n, start, BigInt(r.int(300, 20_000))] }), 'order');
    } else if (roll < 0.82) {
      const mine = orders.filter((o) => !o.canceled);
      const o = mine.length ? r.pick(mine) : undefined;
      if (o && push(o.owner, call({ functionName: 'cancelSwap', args: [o.id] }), 'cancelSwap') === 'cancelSwap') o.canceled = true;
    } else {
      rejects[nextReject++ % rejects.length]!();
    }
  }
  return steps;
}
