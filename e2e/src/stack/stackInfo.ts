import type { Address } from 'viem';
import type { AddressBook } from '@streamswap/protocol';

/** What the global setup hands to the tests (through the E2E_STACK environment variable). */
export interface StackInfo {
  /** The built web app. */
  web: string;
  /** The node's entry point: /anvil, /rpc, /inspect/<app>, /addresses. */
  http: string;
  anvil: string;
  /** anvil itself, not through the node. */
  chain: string;
  rpc: string;
  inspect: string;
  dataDir: string;
  addressBook: AddressBook;
}

export function stackInfo(): StackInfo {
  const raw = process.env.E2E_STACK;
  if (!raw) throw new Error('E2E_STACK is not set: run the tests through playwright.config.ts (its global setup starts the stack).');
  return JSON.parse(raw) as StackInfo;
}

export const tokenBySymbol = (stack: StackInfo, symbol: string): { address: Address; decimals: number; symbol: string } => {
  const t = stack.addressBook.tokens.find((x) => x.symbol === symbol);
  if (!t) throw new Error(`No token ${symbol} in the address book (${stack.addressBook.tokens.map((x) => x.symbol).join(', ')}).`);
  return t as { address: Address; decimals: number; symbol: string };
};
