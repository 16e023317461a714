import { useState } from 'react';
import type { Hex } from 'viem';
import { useConfig, useWriteContract } from 'wagmi';
import { simulateContract } from 'wagmi/actions';
import { applicationAbi } from '../chain/abis.js';
import { localChain } from '../config/chain.js';
import { useBook } from '../hooks/BookContext.js';
import { useActivity } from '../hooks/useActivity.js';
import { useSendInput } from '../hooks/useSendInput.js';
import { useTokens } from '../hooks/useTokens.js';
import { useWallet } from '../hooks/useWallet.js';
import { toast } from '../hooks/toastStore.js';
import { useNodeInputs } from '../hooks/useNodeInputs.js';
import { ConnectPrompt } from '../components/ConnectPrompt.js';
import { useWithdrawals } from '../hooks/useWithdrawals.js';
import { copy } from '../lib/copy.js';
import { describeError } from '../lib/errors.js';
import { formatDateTime, formatTokenAmount, shortAddress } from '../lib/format.js';
import type { InputStage } from '../lib/inputLifecycle.js';
import { lifecycleSteps } from '../lib/lifecycleSteps.js';
import { mergeActivity, type ActivityRow } from '../lib/nodeActivity.js';
import { testIds } from '../lib/testIds.js';
import { voucherStatus } from '../lib/voucherStatus.js';

export default function Activity() {
  const wallet = useWallet();
  const local = useActivity(wallet.address);
  const [pages, setPages] = useState(1);
  const node = useNodeInputs(wallet.address, pages);
  const items = mergeActivity(local, node.inputs);
  return (
    <section className="screen">
      <h1>{copy.activity.title}</h1>
      {!wallet.connected ? (
        <div className="card">
          <ConnectPrompt text={copy.activity.connectPrompt} testId={testIds.activity.connectPrompt} />
        </div>
      ) : (
        <ActivityLists items={items} node={node} onMore={() => setPages((p) => p + 1)} />
      )}
    </section>
  );
}

function ActivityLists({ items, node, onMore }: { items: ActivityRow[]; node: ReturnType<typeof useNodeInputs>; onMore: () => void }) {
  return (
    <>
      <Vouchers />
      <div className="card" data-testid={testIds.activity.inputs}>
        <h2>{copy.activity.inputs}</h2>
        {items.length === 0 ? <div className="empty">{copy.activity.emptyInputs}</div> : null}
        {items.map((item) => (
          <InputRow key={item.key} item={item} />
        ))}
        {node.total > node.inputs.length ? (
          <button type="button" className="ghost small" data-testid={testIds.activity.more} disabled={node.loading} onClick={onMore}>
            {copy.activity.more(node.total - node.inputs.length)}
          </button>
        ) : null}
      </div>
    </>
  );
}

function stageLabel(s: InputStage): string {
  switch (s.stage) {
    case 'queued':
      return copy.activity.stage.queued(s.inputIndex);
    default:
      return copy.activity.stage[s.stage];
  }
}

function InputRow({ item }: { item: ActivityRow }) {
  const s = item.stage;
  const l1Done = item.l1Only && s.stage === 'accepted';
  return (
    <div className="spread" style={{ borderBottom: '1px solid var(--line)', paddingBottom: '0.6rem' }} data-testid={testIds.activity.input(item.key)}>
      <div style={{ display: 'flex', flexDirection: 'column', gap: '0.25rem' }}>
        <strong>{item.label}</strong>
        <span className="muted small">
          {formatDateTime(Math.floor(item.createdAt / 1000))}
          {item.source === 'node' ? <span> · {copy.activity.fromNode}</span> : null}
          {'txHash' in s ? <span className="mono"> · {shortAddress(s.txHash)}</span> : null}
        </span>
        {!item.l1Only ? (
          <span className="lifecycle">
            {lifecycleSteps(s, { viaWallet: item.source !== 'node' }).map((step, i) => (
              <span key={i} className={`step ${step.state === 'done' ? 'done' : step.state === 'bad' ? 'bad' : ''}`}>
                {i > 0 ? '→ ' : ''}
                {step.label}
              </span>
            ))}
          </span>
        ) : null}
        {'message' in s && s.message ? <span className="field-error">{s.message}</span> : null}
        {item.error ? <span className="field-error">{item.error}</span> : null}
      </div>
      <span className={`badge ${s.stage}`} data-testid={testIds.activity.stage(item.key)} data-stage={s.stage}>
        {l1Done ? copy.activity.stage.confirmed : stageLabel(s)}
      </span>
    </div>
  );
}

function Vouchers() {
  const wallet = useWallet();
  const tokens = useTokens();
  const { vouchers, refetch } = useWithdrawals(wallet.address);
  return (
    <div className="card" data-testid={testIds.activity.vouchers}>
      <h2>{copy.activity.vouchers}</h2>
      {vouchers.length === 0 ? <div className="empty">{copy.activity.emptyVouchers}</div> : null}
      {vouchers.map((v) => {
        const meta = v.withdrawal.token ? tokens.meta(v.withdrawal.token) : { symbol: 'ETH', decimals: 18 };
        return (
          <VoucherRow
            key={v.index.toString()}
            index={v.index}
            rawData={v.rawData}
            siblings={v.siblings}
            label={formatTokenAmount(v.withdrawal.amount, meta.decimals, meta.symbol)}
            executed={v.executed}
            valid={v.valid}
            onDone={refetch}
          />
        );
      })}
    </div>
  );
}

function VoucherRow(props: { index: bigint; rawData: Hex; siblings: readonly Hex[] | null; label: string; executed: boolean; valid: boolean; onDone: () => void }) {
  const book = useBook();
  const wallet = useWallet();
  const config = useConfig();
  const write = useWriteContract();
  const send = useSendInput();
  const [executing, setExecuting] = useState(false);
  // the pre-check proved it executed (e.g. from another tab): show it at once, before the next read of wasOutputExecuted
  const [knownExecuted, setKnownExecuted] = useState(false);
  const status = voucherStatus({ hasProof: props.siblings !== null, executed: props.executed || knownExecuted, executing, valid: props.valid });
  const id = props.index.toString();

  const execute = async () => {
    if (!props.siblings || !wallet.address) return;
    setExecuting(true);
    try {
      // simulate first: contract errors become words before the wallet opens
      const { request } = await simulateContract(config, {
        address: book.application,
        abi: applicationAbi,
        functionName: 'executeOutput',
        args: [props.rawData, { outputIndex: props.index, outputHashesSiblings: props.siblings }],
        account: wallet.address,
        chainId: localChain.id,
      });
      await send(`Execute withdrawal of ${props.label}`, () => write.mutateAsync(request), { l1Only: true });
    } catch (error) {
      const words = describeError(error);
      if (words.title === copy.errors.alreadyExecuted) setKnownExecuted(true);
      toast(words);
    }
    setExecuting(false);
    props.onDone();
  };

  return (
    <div className="spread" data-testid={testIds.activity.voucher(id)}>
      <span>
        <strong>{props.label}</strong> <span className="muted small">voucher #{id}</span>
        {status === 'proofPending' ? <span className="muted small"> · {copy.activity.proofPendingHint}</span> : null}
      </span>
      <span className="row">
        <span className={`badge ${status}`} data-testid={testIds.activity.voucherStatus(id)} data-status={status}>
          {copy.activity.voucher[status]}
        </span>
        {status === 'ready' || status === 'executing' ? (
          <button type="button" className="secondary small" disabled={status === 'executing' || !wallet.connected} aria-label={copy.activity.executeName(props.label, id)} data-testid={testIds.activity.execute(id)} onClick={() => void execute()}>
            {status === 'executing' ? copy.button.executing : copy.button.execute}
          </button>
        ) : null}
      </span>
    </div>
  );
}
