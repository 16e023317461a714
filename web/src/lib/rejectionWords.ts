import type { ErrorCode } from '@streamswap/protocol';
import { formatAmount, formatDateTime, shortAddress } from './format.js';

/** What the words need to know of a token: its symbol and decimals (the app's TokenMeta fits). */
export type TokenLookup = (address: `0x${string}`) => { symbol: string; decimals: number };

/** A rejected input in words: a title naming the problem, a sentence with the figures, the app's raw text. */
export interface RejectionWords {
  code: string;
  title: string;
  /** the figures in a sentence, amounts formatted with their symbols, addresses shortened */
  message: string;
  /** title and message as one line (Activity rows, the lifecycle's stage) */
  sentence: string;
  /** the app's own sentence, untouched, for those who want it */
  raw: string;
}

const ADDRESS = '0x[0-9a-fA-F]{40}';
const AMOUNT_OF_TOKEN = new RegExp(`(\\d+) of (?:token )?(${ADDRESS})`, 'g');

/**
 * The app's sentence made readable: "<base units> of <token address>" becomes "1.5 tUSD", a token
 * address alone becomes its symbol, any other address is shortened ("0x1234…abcd").
 */
export function humanizeAppSentence(sentence: string, token: TokenLookup): string {
  const known = (a: string) => {
    const t = token(a as `0x${string}`);
    // the app's fallback symbol for an unknown token is its address prefix: shorten instead
    return t.symbol.startsWith('0x') ? undefined : t;
  };
  return sentence
    .replace(AMOUNT_OF_TOKEN, (whole, amount: string, address: string) => {
      const t = known(address);
      return t ? `${formatAmount(BigInt(amount), t.decimals)} ${t.symbol}` : `${amount} of ${shortAddress(address)}`;
    })
    .replace(new RegExp(ADDRESS, 'g'), (address) => known(address)?.symbol ?? shortAddress(address))
    .replace(/\(x2\^64\)/g, '');
}

/** The noun for the ledger's operation names in INSUFFICIENT_AVAILABLE. */
const OPERATION: Record<string, string> = { withdraw: 'the withdrawal', stream: 'the stream', debit: 'this', transfer: 'the transfer' };

/** A title for every code the app can report (the Record's type makes a missing code a compile error). */
const TITLES: Record<ErrorCode, string> = {
  UNKNOWN_SELECTOR: 'The app does not know this command',
  MALFORMED_INPUT: 'The input could not be decoded',
  INVALID_ADDRESS: 'An address in the input is not valid',
  VALUE_OUT_OF_RANGE: 'A value is out of range',
  INVALID_DEPOSIT: 'The deposit could not be read',
  INVALID_AMOUNT: 'The amount must be more than zero',
  SELF_TRANSFER: "You can't send or stream to yourself",
  START_IN_PAST: 'The start time had already passed',
  INSUFFICIENT_AVAILABLE: 'Not enough available',
  STREAM_NOT_FOUND: 'That stream does not exist',
  NOT_STREAM_SENDER: 'Only the sender can cancel a stream',
  STREAM_ALREADY_ENDED: 'The stream had already ended',
  STREAM_ALREADY_CANCELED: 'The stream was already canceled',
  TOKEN_NOT_WITHDRAWABLE: 'This token cannot be withdrawn',
  IDENTICAL_TOKENS: 'Pick two different tokens',
  PAIR_NOT_FOUND: 'There is no pool for this pair',
  INSUFFICIENT_LIQUIDITY: 'The pool has too little liquidity',
  INSUFFICIENT_LIQUIDITY_MINTED: 'Too little to add',
  INSUFFICIENT_LIQUIDITY_BURNED: 'Too little to remove',
  INSUFFICIENT_A_AMOUNT: 'The pool ratio moved beyond your tolerance',
  INSUFFICIENT_B_AMOUNT: 'The pool ratio moved beyond your tolerance',
  INSUFFICIENT_INPUT_AMOUNT: 'Enter an amount to sell',
  INSUFFICIENT_OUTPUT_AMOUNT: 'You would receive less than your minimum',
  K: 'The trade would break the pool balance',
  ORDER_NOT_FOUND: 'That order does not exist',
  NOT_ORDER_OWNER: 'Only the owner can cancel an order',
  ORDER_ALREADY_ENDED: 'The order had already ended',
  ORDER_TOO_SMALL: 'The order is too small for its duration',
  UNKNOWN_ROUTE: 'The node does not know this request',
  INVALID_PARAMETER: 'A parameter of the request is not valid',
  INTERNAL_ERROR: 'The app hit an internal error; nothing changed',
};

/** Sentences that read better rebuilt from the figures than humanized. */
function specific(code: string, raw: string, token: TokenLookup): Omit<RejectionWords, 'code' | 'raw'> | undefined {
  if (code === 'INSUFFICIENT_AVAILABLE') {
    const m = new RegExp(`^The (\\w+) needs (\\d+) of token (${ADDRESS}) but account ${ADDRESS} has only (\\d+) available`).exec(raw);
    if (!m) return undefined;
    const [, what = '', needs = '0', address = '', has = '0'] = m;
    const t = token(address as `0x${string}`);
    const amount = (v: string) => `${formatAmount(BigInt(v), t.decimals)} ${t.symbol}`;
    const title = `Not enough ${t.symbol} available`;
    const message = `you have ${amount(has)}, ${OPERATION[what] ?? 'this'} needs ${amount(needs)}.`;
    return { title, message: message[0]!.toUpperCase() + message.slice(1), sentence: `${title}: ${message}` };
  }
  if (code === 'START_IN_PAST') {
    const m = /start at (\d+), before the (?:current|pool's) time (\d+)/.exec(raw);
    if (!m) return undefined;
    const message = `It was set to start at ${formatDateTime(BigInt(m[1]!))}, but the app processed it at ${formatDateTime(BigInt(m[2]!))}. Pick a later start.`;
    return { title: TITLES.START_IN_PAST, message, sentence: `${TITLES.START_IN_PAST}. ${message}` };
  }
  return undefined;
}

/** The words for an app rejection; every code has a title, and the sentence keeps the app's figures, readable. */
export function rejectionWords(code: string, raw: string, token: TokenLookup): RejectionWords {
  const built = specific(code, raw, token);
  if (built) return { code, ...built, raw };
  const title = (TITLES as Record<string, string>)[code] ?? 'The app rejected the input';
  const message = humanizeAppSentence(raw, token);
  return { code, title, message, sentence: `${title}. ${message}`, raw };
}
