import { ETHER_TOKEN, lpTokenAddress, poolsViewSchema, type TokenInfo } from '@streamswap/protocol';
import { useMemo } from 'react';
import type { Address } from 'viem';
import { useBook } from './BookContext.js';
import { useInspect } from './useInspect.js';
import { lpDecimals } from '../lib/liquidity.js';


export interface TokenMeta extends TokenInfo {
  kind: 'erc20' | 'ether' | 'lp';
}

/** Every token the UI can name: the book's test tokens, Ether (booked by the app under ETHER_TOKEN), and one LP token per pool. */
export function useTokens() {
  const book = useBook();
  const pools = useInspect('pools', poolsViewSchema);
  return useMemo(() => {
    const list: TokenMeta[] = book.tokens.map((t) => ({ ...t, kind: 'erc20' as const }));
    const find = (a: Address) => list.find((t) => t.address === a);
    const ether: TokenMeta = { address: ETHER_TOKEN, symbol: 'ETH', name: 'Ether', decimals: 18, kind: 'ether' };
    const extra: TokenMeta[] = [ether];
    for (const p of pools.data?.pools ?? []) {
      // named in the address book's token order (Ether last), like the pool screen's pairs
      const rank = (a: Address) => (find(a) ? list.indexOf(find(a)!) : list.length);
      const [x, y] = rank(p.tokenA) <= rank(p.tokenB) ? [p.tokenA, p.tokenB] : [p.tokenB, p.tokenA];
      const name = (a: Address) => (a === ETHER_TOKEN ? 'ETH' : (find(a)?.symbol ?? a.slice(0, 8)));
      extra.push({ address: lpTokenAddress(p.tokenA, p.tokenB), symbol: `LP ${name(x)}/${name(y)}`, name: 'Liquidity', decimals: lpDecimals(find(p.tokenA)?.decimals ?? 18, find(p.tokenB)?.decimals ?? 18), kind: 'lp' });
    }
    const all = [...list, ...extra];
    const meta = (address: Address): TokenMeta =>
      all.find((t) => t.address.toLowerCase() === address.toLowerCase()) ?? { address, symbol: address.slice(0, 8), name: address, decimals: 18, kind: 'erc20' };
    // what a user can deposit, withdraw, stream, swap and pool: the book's ERC-20 tokens and Ether
    const tradable = [...list, ether];
    return { erc20: list, ether, tradable, all, meta, pools: pools.data?.pools ?? [] };
  }, [book, pools.data]);
}
