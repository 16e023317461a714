import { useQuery } from '@tanstack/react-query';
import type { Address, Hex } from 'viem';
import { useReadContracts } from 'wagmi';
import { applicationAbi } from '../chain/abis.js';
import { INSPECT_POLL_MS } from '../config/env.js';
import { decodeWithdrawal, type Withdrawal } from '../lib/voucherPayload.js';
import { useBook } from './BookContext.js';
import { nodeHealth } from './nodeHealth.js';

export interface WithdrawalVoucher {
  index: bigint;
  rawData: Hex;
  siblings: readonly Hex[] | null;
  withdrawal: Withdrawal;
  /** Application.wasOutputExecuted */
  executed: boolean;
  /** Application.validateOutput passed: the epoch's claim is accepted, it can be executed */
  valid: boolean;
}

/**
 * The account's withdrawal vouchers (newest first) with what L1 says of each: executed, and valid
 * (executable). One query shared by Activity, Portfolio's pending list and the nav's "ready" badge.
 */
export function useWithdrawals(account: Address | undefined) {
  const book = useBook();
  const outputs = useQuery({
    queryKey: ['vouchers', book.application],
    enabled: !!account,
    refetchInterval: () => nodeHealth.pollMs(INSPECT_POLL_MS),
    queryFn: async () => {
      const { rpcClient } = await import('../node/rpc.js');
      const list = await rpcClient.listOutputs({ application: book.application, outputType: 'Voucher', limit: 500, descending: true } as never);
      return list.data;
    },
  });
  const mine = (outputs.data ?? [])
    .map((o) => {
      const d = o.decodedData;
      const w = d && d.type === 'Voucher' ? decodeWithdrawal(d.destination, d.value, d.payload) : null;
      return w && account && w.to.toLowerCase() === account.toLowerCase() ? { output: o, withdrawal: w } : null;
    })
    .filter((x) => x !== null);
  const checks = useReadContracts({
    contracts: mine.flatMap(({ output }) => [
      { address: book.application, abi: applicationAbi, functionName: 'wasOutputExecuted', args: [output.index] } as const,
      { address: book.application, abi: applicationAbi, functionName: 'validateOutput', args: [output.rawData, { outputIndex: output.index, outputHashesSiblings: output.outputHashesSiblings ?? [] }] } as const,
    ]),
    allowFailure: true,
    query: { enabled: mine.length > 0, refetchInterval: () => nodeHealth.pollMs(INSPECT_POLL_MS) },
  });
  const vouchers: WithdrawalVoucher[] = mine.map(({ output, withdrawal }, i) => ({
    index: output.index,
    rawData: output.rawData,
    siblings: output.outputHashesSiblings,
    withdrawal,
    executed: checks.data?.[2 * i]?.result === true,
    valid: output.outputHashesSiblings ? checks.data?.[2 * i + 1]?.status === 'success' : false,
  }));
  return { vouchers, refetch: () => void checks.refetch(), loading: outputs.isPending };
}
