import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { parseEventLogs, type Hash } from 'viem';
import { useConfig, useConnection } from 'wagmi';
import { waitForTransactionReceipt } from 'wagmi/actions';
import { inputBoxAbi } from '../chain/abis.js';
import { readerCaughtUp } from '../node/readerProgress.js';
import { copy } from '../lib/copy.js';
import { describeError } from '../lib/errors.js';
import { nextStage, type InputStage } from '../lib/inputLifecycle.js';
import { activityStore } from './activityStore.js';
import { useBook } from './BookContext.js';
import { inputOutcome } from './inputOutcome.js';
import { toast, toastStore } from './toastStore.js';
import { followInput } from './trackInput.js';
import { useTokens } from './useTokens.js';
import { walletPrompt } from './walletPrompt.js';

let counter = 0;

/** The pending toast's words for each step after the wallet answered. */
function pendingMessage(s: InputStage): string {
  const words = copy.lifecycle;
  switch (s.stage) {
    case 'submitted':
      return words.submitted;
    case 'queued':
      return words.queued(s.inputIndex);
    case 'processing':
      return words.processing(s.inputIndex);
    default:
      return words.submitted;
  }
}

/**
 * Sends one write and follows it: wallet -> submitted -> confirmed -> queued #N -> processed.
 * `submit` opens the wallet and returns the tx hash; only while it is open do buttons say "Confirm in
 * wallet". Then one pending toast follows the steps and turns into the outcome: what the app's notice
 * says was done ("Swapped 50 tCTSI for 107.17 tUSD."), or the rejection in words. L2 state is refetched
 * after the input is processed. Resolves with the final stage; never throws.
 */
export function useSendInput() {
  const config = useConfig();
  const book = useBook();
  const tokens = useTokens();
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
        hash = await walletPrompt.around(submit);
      } catch (error) {
        const words = describeError(error);
        set(words.severity === 'info' ? nextStage(stage, { type: 'walletRejected' }) : { stage: 'rejectedByWallet' }, words.severity === 'info' ? undefined : `${words.title}: ${words.message}`);
        toast(words);
        return stage;
      }
      set(nextStage(stage, { type: 'signed', txHash: hash }));
      const pending = toast({ severity: 'info', title: label, message: pendingMessage(stage), pending: true });
      const show = (s: InputStage) => {
        set(s);
        toastStore.update(pending, { severity: 'info', title: label, message: pendingMessage(s), pending: true });
      };
      try {
        const receipt = await waitForTransactionReceipt(config, { hash });
        if (options.l1Only) {
          set(receipt.status === 'success' ? { stage: 'accepted', txHash: hash, inputIndex: -1n } : { stage: 'failed', txHash: hash });
          void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'addressBook' });
          toastStore.update(pending, receipt.status === 'success' ? { severity: 'info', title: copy.lifecycle.doneTitle(label), message: copy.lifecycle.confirmedL1 } : { severity: 'error', title: copy.lifecycle.failedTitle(label), message: copy.lifecycle.failedL1 });
          return stage;
        }
        const added = parseEventLogs({ abi: inputBoxAbi, eventName: 'InputAdded', logs: receipt.logs }).find((log) => log.args.appContract.toLowerCase() === book.application.toLowerCase());
        const mined = nextStage(stage, { type: 'mined', success: receipt.status === 'success', inputIndex: added?.args.index ?? null });
        show(mined);
        if (mined.stage === 'failed') {
          toastStore.update(pending, { severity: 'error', title: copy.lifecycle.failedTitle(label), message: copy.lifecycle.failedL1 });
          return stage;
        }
        void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'addressBook' });
        const final = await followInput(book.application, mined, show, tokens.meta);
        // refetch L2 state after the input is processed, not after the tx hash, and once the reader has replayed it
        // (else it answers from just before it); after a bounded wait a read the reader cannot serve goes to inspect
        if (final.stage === 'accepted' || final.stage === 'rejected' || final.stage === 'exception') await readerCaughtUp(Number(final.inputIndex));
        await queryClient.invalidateQueries({ queryKey: ['inspect'] });
        if (final.stage === 'rejected' || final.stage === 'exception') {
          toastStore.update(pending, { severity: 'error', title: copy.lifecycle.rejectedTitle(label), message: final.message || copy.lifecycle.rejectedNoReason, details: final.raw });
        } else if (final.stage === 'accepted') {
          const outcome = await inputOutcome(book.application, book.applicationName, final.inputIndex, tokens.meta);
          toastStore.update(pending, { severity: 'info', title: copy.lifecycle.doneTitle(label), message: outcome ?? copy.lifecycle.accepted(final.inputIndex) });
        } else {
          toastStore.update(pending, { severity: 'warning', title: label, message: copy.lifecycle.stillWaiting });
        }
        return final;
      } catch (error) {
        const words = describeError(error);
        toastStore.update(pending, { ...words, title: `${label}: ${words.title}` });
        return stage;
      }
    },
    [config, book, tokens, queryClient, address],
  );
}
