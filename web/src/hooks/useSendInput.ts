import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { parseEventLogs, type Hash } from 'viem';
import { useConfig, useConnection } from 'wagmi';
import { waitForTransactionReceipt } from 'wagmi/actions';
import { inputBoxAbi } from '../chain/abis.js';
import { describeError } from '../lib/errors.js';
import { nextStage, type InputStage } from '../lib/inputLifecycle.js';
import { activityStore } from './activityStore.js';
import { useBook } from './BookContext.js';
import { followInput } from './trackInput.js';
import { toast } from './toastStore.js';

let counter = 0;

/**
 * Sends one write and follows it: wallet -> submitted -> confirmed -> queued #N -> processed.
 * `submit` opens the wallet and returns the tx hash. For inputs (InputBox, portals) the InputAdded
 * event gives the index and the node is followed until ACCEPTED/REJECTED; then live state is refetched.
 * Resolves with the final stage; never throws (errors become a stage and a toast).
 */
export function useSendInput() {
  const config = useConfig();
  const book = useBook();
  const queryClient = useQueryClient();
  const { address } = useConnection();

  return useCallback(
    async (label: string, submit: () => Promise<Hash>, options: { l1Only?: boolean } = {}): Promise<InputStage> => {
      const key = `${Date.now()}-${++counter}`;
      let stage: InputStage = { stage: 'wallet' };
      activityStore.add({ key, account: address ?? '', label, createdAt: Date.now(), stage, ...(options.l1Only ? { l1Only: true } : {}) });
      const set = (s: InputStage, error?: string) => {
        stage = s;
        activityStore.update(key, error ? { stage: s, error } : { stage: s });
      };
      let hash: Hash;
      try {
        hash = await submit();
      } catch (error) {
        const words = describeError(error);
        set(words.severity === 'info' ? nextStage(stage, { type: 'walletRejected' }) : { stage: 'rejectedByWallet' }, words.severity === 'info' ? undefined : `${words.title}: ${words.message}`);
        toast(words);
        return stage;
      }
      set(nextStage(stage, { type: 'signed', txHash: hash }));
      const receipt = await waitForTransactionReceipt(config, { hash });
      const added = parseEventLogs({ abi: inputBoxAbi, eventName: 'InputAdded', logs: receipt.logs }).find(
        (log) => log.args.appContract.toLowerCase() === book.application.toLowerCase(),
      );
      if (options.l1Only) {
        set(receipt.status === 'success' ? { stage: 'accepted', txHash: hash, inputIndex: -1n } : { stage: 'failed', txHash: hash });
        void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'addressBook' });
        return stage;
      }
      set(nextStage(stage, { type: 'mined', success: receipt.status === 'success', inputIndex: added?.args.index ?? null }));
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'addressBook' });
      const final = await followInput(book.application, stage, (s) => set(s));
      // refetch L2 state after the input is processed, not after the tx hash
      await queryClient.invalidateQueries({ queryKey: ['inspect'] });
      if (final.stage === 'rejected' || final.stage === 'exception') {
        toast({ severity: 'error', title: `${label}: rejected`, message: final.message });
      } else if (final.stage === 'accepted') {
        toast({ severity: 'info', title: `${label}: done`, message: `Input #${final.inputIndex} was accepted by the app.` });
      }
      return final;
    },
    [config, book, queryClient, address],
  );
}
