import type { OrderView } from '@streamswap/protocol';
import { useState } from 'react';
import { useChainNowMs } from '../hooks/useNow.js';
import { useTokens } from '../hooks/useTokens.js';
import { useWriters } from '../hooks/useWriters.js';
import { copy } from '../lib/copy.js';
import { cancelRefund, orderTimes } from '../lib/orders.js';
import { testIds } from '../lib/testIds.js';
import { Amount } from './Amount.js';
import { ConfirmDialog } from './ConfirmDialog.js';

/**
 * Cancel a DCA order, after a confirmation that shows what comes back (the unsold input, now) and
 * what stays (everything bought so far, already in the owner's balance).
 */
export function CancelOrder({ order, testId }: { order: OrderView; testId: string }) {
  const tokens = useTokens();
  const writers = useWriters();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const metaIn = tokens.meta(order.tokenIn);
  const metaOut = tokens.meta(order.tokenOut);
  const now = useChainNowMs(asking) ?? 0n;
  const refund = cancelRefund(orderTimes(order), now);
  return (
    <>
      <button type="button" className="danger small" disabled={busy} aria-label={copy.swap.cancelOrder(order.id)} data-testid={testId} onClick={() => setAsking(true)}>
        {busy ? copy.button.working : copy.button.cancel}
      </button>
      <ConfirmDialog
        open={asking}
        title={copy.swap.cancelTitle(order.id)}
        confirmLabel={copy.swap.cancelConfirm}
        keepLabel={copy.swap.keepOrder}
        testId={testIds.swap.cancelDialog}
        onClose={() => setAsking(false)}
        onConfirm={async () => {
          setBusy(true);
          await writers.addInput(`Cancel order #${order.id}`, 'cancelSwap', [BigInt(order.id)]);
          setBusy(false);
        }}
      >
        <p className="muted">{copy.swap.cancelBody}</p>
        <dl className="details">
          <dt>{copy.swap.cancelRefund}</dt>
          <dd data-testid={testIds.swap.cancelRefund} data-value={refund.toString()}>
            <Amount value={refund} decimals={metaIn.decimals} symbol={metaIn.symbol} />
          </dd>
          <dt>{copy.swap.cancelKeep}</dt>
          <dd data-testid={testIds.swap.cancelKeep} data-value={order.bought}>
            <Amount value={BigInt(order.bought)} decimals={metaOut.decimals} symbol={metaOut.symbol} />
          </dd>
        </dl>
      </ConfirmDialog>
    </>
  );
}
