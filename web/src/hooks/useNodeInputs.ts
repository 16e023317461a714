import { useQuery } from '@tanstack/react-query';
import type { Address, Hex } from 'viem';
import { inputLabel } from '../lib/inputLabel.js';
import type { NodeInput } from '../lib/nodeActivity.js';
import { rejectionFromReports } from '../lib/reportMessage.js';
import { INSPECT_POLL_MS } from '../config/env.js';
import { useBook } from './BookContext.js';
import { nodeHealth } from './nodeHealth.js';
import { useTokens } from './useTokens.js';

/** Inputs per page of the node's list; "Show more" asks for the next page. */
export const NODE_INPUTS_PAGE = 20;

/**
 * The account's inputs as the node knows them (cartesi_listInputs filtered by sender, newest first),
 * with the app's report message for those not accepted. Portal deposits have the portal as sender,
 * so only this browser's own list shows them.
 */
export function useNodeInputs(account: Address | undefined, pages: number) {
  const book = useBook();
  const tokens = useTokens();
  const query = useQuery({
    queryKey: ['nodeInputs', book.application, account, pages],
    enabled: !!account,
    refetchInterval: () => nodeHealth.pollMs(INSPECT_POLL_MS),
    placeholderData: (previous) => previous,
    queryFn: async () => {
      const { rpcClient } = await import('../node/rpc.js');
      const list = await rpcClient.listInputs({ application: book.application, sender: account!, limit: NODE_INPUTS_PAGE * pages, descending: true });
      const inputs = await Promise.all(
        list.data.map(async (i) => {
          let message = '';
          if (i.status !== 'ACCEPTED' && i.status !== 'NONE') {
            const reports = await rpcClient.listReports({ application: book.application, inputIndex: i.index, limit: 10 });
            message = rejectionFromReports(reports.data.map((r) => r.rawData), tokens.meta);
          }
          return { index: i.index, status: i.status as string, txHash: i.transactionReference, timestamp: i.decodedData?.blockTimestamp ?? 0n, payload: (i.decodedData?.payload ?? null) as Hex | null, message };
        }),
      );
      return { inputs, total: list.pagination.totalCount };
    },
  });
  const inputs: NodeInput[] = (query.data?.inputs ?? []).map(({ payload, ...i }) => ({ ...i, label: inputLabel(payload, tokens.meta, i.index) }));
  return { inputs, total: query.data?.total ?? 0, loading: query.isFetching };
}
