import { useReadContracts } from 'wagmi';
import type { Address } from 'viem';
import { testTokenAbi } from '../chain/abis.js';
import { useBook } from './BookContext.js';

/** Wallet balances and portal allowances of the book's ERC-20 tokens, re-read every few seconds. */
export function useL1Tokens(account: Address | undefined) {
  const book = useBook();
  const contracts = account
    ? book.tokens.flatMap((t) => [
        { address: t.address, abi: testTokenAbi, functionName: 'balanceOf', args: [account] } as const,
        { address: t.address, abi: testTokenAbi, functionName: 'allowance', args: [account, book.erc20Portal] } as const,
      ])
    : [];
  const reads = useReadContracts({ contracts, query: { enabled: !!account, refetchInterval: 4_000 } });
  const byToken = new Map<string, { balance: bigint; allowance: bigint }>();
  book.tokens.forEach((t, i) => {
    const balance = reads.data?.[2 * i]?.result;
    const allowance = reads.data?.[2 * i + 1]?.result;
    if (typeof balance === 'bigint' && typeof allowance === 'bigint') byToken.set(t.address, { balance, allowance });
  });
  return { byToken, refetch: reads.refetch };
}
