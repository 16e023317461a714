import { INSPECT_POLL_MS } from '../config/env.js';
import { nodeHealth } from './nodeHealth.js';
import { ETHER_TOKEN } from '@streamswap/protocol';
import { useBalance, useReadContracts } from 'wagmi';
import type { Address } from 'viem';
import { testTokenAbi } from '../chain/abis.js';
import { localChain } from '../config/chain.js';
import { useBook } from './BookContext.js';

export interface L1Holding {
  balance: bigint;
  /** the ERC-20 portal's allowance; undefined for Ether, which the EtherPortal takes as the call's value */
  allowance: bigint | undefined;
}

/** Wallet balances (ETH and the book's ERC-20 tokens) and portal allowances, re-read every few seconds. */
export function useL1Tokens(account: Address | undefined) {
  const book = useBook();
  const contracts = account
    ? book.tokens.flatMap((t) => [
        { address: t.address, abi: testTokenAbi, functionName: 'balanceOf', args: [account] } as const,
        { address: t.address, abi: testTokenAbi, functionName: 'allowance', args: [account, book.erc20Portal] } as const,
      ])
    : [];
  const reads = useReadContracts({ contracts, query: { enabled: !!account, refetchInterval: () => nodeHealth.pollMs(INSPECT_POLL_MS) } });
  const ether = useBalance({ address: account, chainId: localChain.id, query: { enabled: !!account, refetchInterval: () => nodeHealth.pollMs(INSPECT_POLL_MS) } });
  const byToken = new Map<string, L1Holding>();
  book.tokens.forEach((t, i) => {
    const balance = reads.data?.[2 * i]?.result;
    const allowance = reads.data?.[2 * i + 1]?.result;
    if (typeof balance === 'bigint' && typeof allowance === 'bigint') byToken.set(t.address, { balance, allowance });
  });
  if (ether.data) byToken.set(ETHER_TOKEN, { balance: ether.data.value, allowance: undefined });
  const refetch = async () => {
    await Promise.all([reads.refetch(), ether.refetch()]);
  };
  return { byToken, refetch };
}
