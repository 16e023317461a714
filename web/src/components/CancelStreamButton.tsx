import type { StreamView } from '@streamswap/protocol';
import { useState } from 'react';
import { useWalletPromptOpen } from '../hooks/walletPrompt.js';
import { useWriters } from '../hooks/useWriters.js';
import { useTokens } from '../hooks/useTokens.js';
import { useChainNowMs } from '../hooks/useNow.js';
import { streamTimes } from '../hooks/useStreamLive.js';
import { copy } from '../lib/copy.js';
import { shortAddress } from '../lib/format.js';
import { cancelSplit } from '../lib/streams.js';
import { testIds } from '../lib/testIds.js';
import { Amount } from './Amount.js';
import { ConfirmDialog } from './ConfirmDialog.js';

/** Cancel, named after its row, behind a confirmation that shows what each side ends with. */
export function CancelStreamButton({ stream }: { stream: StreamView }) {
  const writers = useWriters();
  const tokens = useTokens();
  const meta = tokens.meta(stream.token);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const walletOpen = useWalletPromptOpen();
  // the figures move while the dialog is open: redraw them with the clock
  const now = useChainNowMs(asking) ?? 0n;
  const split = cancelSplit(streamTimes(stream), now);
  const name = copy.streams.cancelName(stream.id, shortAddress(stream.receiver));
  const cancel = async () => {
    setBusy(true);
    await writers.addInput(`Cancel stream #${stream.id}`, 'cancelStream', [BigInt(stream.id)]);
    setBusy(false);
  };
  return (
    <>
      <button type="button" className="danger small" disabled={busy} aria-label={name} title={name} data-testid={testIds.streams.cancel(stream.id)} onClick={() => setAsking(true)}>
        {busy ? (walletOpen ? copy.button.working : copy.button.pending) : copy.button.cancel}
      </button>
      <ConfirmDialog open={asking} title={copy.streams.cancelTitle(stream.id)} confirmLabel={copy.streams.cancelConfirm} keepLabel={copy.streams.keepStreaming} onConfirm={() => void cancel()} onClose={() => setAsking(false)} testId={testIds.streams.cancelDialog}>
        <p className="muted small">{copy.streams.cancelBody}</p>
        <dl className="details">
          <dt>{copy.streams.cancelReceiverKeeps}</dt>
          <dd>
            <Amount value={split.receiverKeeps} decimals={meta.decimals} symbol={meta.symbol} testId={testIds.streams.cancelKeeps} />
          </dd>
          <dt>{copy.streams.cancelYouGetBack}</dt>
          <dd>
            <Amount value={split.senderGetsBack} decimals={meta.decimals} symbol={meta.symbol} testId={testIds.streams.cancelRefund} />
          </dd>
        </dl>
      </ConfirmDialog>
    </>
  );
}
