import { streamsViewSchema, type StreamView } from '@streamswap/protocol';
import { lazy, Suspense, useState } from 'react';
import type { Address } from 'viem';
import { AmountInput } from '../components/AmountInput.js';
import { PrimaryButton } from '../components/PrimaryButton.js';
import { Progress } from '../components/Progress.js';
import { TokenSelect } from '../components/TokenSelect.js';
import { useBalances } from '../hooks/useBalances.js';
import { useInspect } from '../hooks/useInspect.js';
import { useChainNowMs } from '../hooks/useNow.js';
import { useTokens } from '../hooks/useTokens.js';
import { useWallet } from '../hooks/useWallet.js';
import { useWriters } from '../hooks/useWriters.js';
import { copy } from '../lib/copy.js';
import { CUSTOM_DURATION_UNITS, STREAM_DURATION_PRESETS } from '../lib/durations.js';
import { formatAmount, formatDateTime, formatDuration, formatFixed, shortAddress, tickingFractionDigits, toInputText } from '../lib/format.js';
import { primaryAction } from '../lib/primaryAction.js';
import { validateStreamForm } from '../lib/streamForm.js';
import { canCancelStream, previewStream, progressBps, streamedAt, streamStatusAt } from '../lib/streams.js';
import { testIds } from '../lib/testIds.js';
import { tickAt } from '../lib/ticking.js';

// recharts loads only when a stream's chart is opened (the same chunk as the pool charts)
const StreamChart = lazy(() => import('./StreamChart.js'));

export default function Streams() {
  const wallet = useWallet();
  const [tab, setTab] = useState<'incoming' | 'outgoing'>('outgoing');
  const streams = useInspect(wallet.address ? `streams/${wallet.address}?limit=50` : null, streamsViewSchema);
  const list = streams.data ? (tab === 'incoming' ? streams.data.incoming : streams.data.outgoing) : [];

  return (
    <section className="screen">
      <h1>{copy.streams.title}</h1>
      <div className="grid2">
        <CreateStream />
        <div className="card">
          <div className="spread">
            <h2>{tab === 'incoming' ? copy.streams.incoming : copy.streams.outgoing}</h2>
            <div className="tabs">
              {(['outgoing', 'incoming'] as const).map((d) => (
                <button key={d} type="button" className={tab === d ? 'chip active' : 'chip'} data-testid={testIds.streams.tab(d)} onClick={() => setTab(d)}>
                  {copy.streams[d]} {streams.data ? `(${d === 'incoming' ? streams.data.totalIncoming : streams.data.totalOutgoing})` : ''}
                </button>
              ))}
            </div>
          </div>
          {list.length === 0 ? <div className="empty">{tab === 'incoming' ? copy.streams.emptyIncoming : copy.streams.emptyOutgoing}</div> : null}
          {list.map((s) => (
            <StreamRow key={s.id} stream={s} direction={tab} />
          ))}
        </div>
      </div>
    </section>
  );
}

function StreamRow({ stream, direction }: { stream: StreamView; direction: 'incoming' | 'outgoing' }) {
  const tokens = useTokens();
  const writers = useWriters();
  const meta = tokens.meta(stream.token);
  const times = {
    amount: BigInt(stream.amount),
    start: BigInt(stream.start),
    duration: BigInt(stream.duration),
    status: stream.status,
    streamed: BigInt(stream.streamed),
    canceledAt: stream.canceledAt === null ? null : BigInt(stream.canceledAt),
  };
  const initialNow = useChainNowMs(false);
  const live = initialNow !== undefined && streamStatusAt(times, initialNow) !== 'settled' && stream.status !== 'canceled';
  const now = useChainNowMs(live) ?? BigInt(stream.start) * 1000n;
  const status = streamStatusAt(times, now);
  const streamed = streamedAt(times, now);
  const digits = tickingFractionDigits(times.duration > 0n ? times.amount / times.duration : 0n, meta.decimals);
  const other = direction === 'incoming' ? stream.sender : stream.receiver;
  const [busy, setBusy] = useState(false);
  const [chartOpen, setChartOpen] = useState(false);

  return (
    <div className="card" style={{ margin: 0, background: 'var(--panel-2)' }} data-testid={testIds.streams.row(stream.id)}>
      <div className="spread">
        <span>
          <strong>#{stream.id}</strong> {direction === 'incoming' ? copy.streams.from : copy.streams.to} <span className="mono" title={other}>{shortAddress(other)}</span>
        </span>
        <span className={`badge ${status}`} data-testid={testIds.streams.status(stream.id)}>
          {copy.streams.status[status]}
        </span>
      </div>
      <div className="spread">
        <span className="num">
          <span className={status === 'streaming' ? 'ticking' : ''} data-testid={testIds.streams.streamed(stream.id)} data-value={streamed.toString()}>
            {formatFixed(streamed, meta.decimals, status === 'streaming' ? digits : 4)}
          </span>{' '}
          / {formatAmount(times.amount, meta.decimals)} {meta.symbol}
        </span>
        <span className="muted small">
          {formatDuration(times.duration)} · {status === 'pending' ? `starts ${formatDateTime(times.start)}` : `ends ${formatDateTime(stream.end)}`}
        </span>
      </div>
      <Progress bps={progressBps(streamed, times.amount)} />
      {chartOpen ? (
        <Suspense fallback={<div className="chart-box small-chart muted">…</div>}>
          <StreamChart id={stream.id} times={times} decimals={meta.decimals} symbol={meta.symbol} />
        </Suspense>
      ) : null}
      <div className="row">
        <button type="button" className="ghost small" aria-expanded={chartOpen} data-testid={testIds.streams.chartToggle(stream.id)} onClick={() => setChartOpen((o) => !o)}>
          {chartOpen ? copy.streams.hideChart : copy.streams.showChart}
        </button>
        {canCancelStream(times, now, direction === 'outgoing') ? (
          <button
            type="button"
            className="danger small"
            disabled={busy}
            data-testid={testIds.streams.cancel(stream.id)}
            onClick={async () => {
              setBusy(true);
              await writers.addInput(`Cancel stream #${stream.id}`, 'cancelStream', [BigInt(stream.id)]);
              setBusy(false);
            }}
          >
            {busy ? copy.button.working : copy.button.cancel}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function CreateStream() {
  const wallet = useWallet();
  const tokens = useTokens();
  const writers = useWriters();
  const { map } = useBalances(wallet.address);
  // Ether and the book's tokens always; LP tokens once held
  const streamable = tokens.all.filter((t) => t.kind !== 'lp' || map.has(t.address));
  const [token, setToken] = useState<Address | undefined>(tokens.erc20[0]?.address);
  const [receiver, setReceiver] = useState('');
  const [text, setText] = useState('');
  const [startMode, setStartMode] = useState<'now' | 'later'>('now');
  const [startAt, setStartAt] = useState('');
  const [preset, setPreset] = useState<bigint | 'custom'>(STREAM_DURATION_PRESETS[2].seconds);
  const [customValue, setCustomValue] = useState('2');
  const [customUnit, setCustomUnit] = useState<bigint>(CUSTOM_DURATION_UNITS[1].seconds);
  const [busy, setBusy] = useState(false);
  const nowMs = useChainNowMs(false) ?? BigInt(Date.now());
  const now = nowMs / 1000n;

  const meta = token ? tokens.meta(token) : undefined;
  const live = token ? map.get(token) : undefined;
  const available = live ? tickAt(live.available, nowMs) : 0n;
  const duration = preset === 'custom' ? (/^\d+$/.test(customValue) ? BigInt(customValue) * customUnit : 0n) : preset;
  const start = startMode === 'now' || startAt === '' ? 0n : BigInt(Math.floor(new Date(startAt).getTime() / 1000));
  const form = validateStreamForm({ sender: wallet.address, receiver, amountText: text, decimals: meta?.decimals ?? 18, available: wallet.connected ? available : undefined, start, duration, now });
  const action = primaryAction({ ...wallet, busy, amount: form.amount, symbol: meta?.symbol ?? '', formError: form.firstError, submitLabel: copy.button.startStream });
  const preview = form.amount.state === 'ok' && duration > 0n ? previewStream(form.amount.value, start === 0n ? now : start, duration) : null;

  const submit = async () => {
    if (!token || !meta || form.amount.state !== 'ok' || !form.receiver) return;
    setBusy(true);
    const stage = await writers.addInput(`Stream ${formatAmount(form.amount.value, meta.decimals)} ${meta.symbol} to ${shortAddress(form.receiver)}`, 'stream', [token, form.receiver, form.amount.value, start, duration]);
    setBusy(false);
    if (stage.stage === 'accepted') setText('');
  };

  return (
    <div className="card">
      <h2>{copy.streams.create}</h2>
      <label className="field">
        <span className="field-label">{copy.streams.receiver}</span>
        <input value={receiver} onChange={(e) => setReceiver(e.target.value.trim())} placeholder="0x…" className="mono" data-testid={testIds.streams.receiver} aria-invalid={!!form.errors.receiver} />
        {form.errors.receiver ? <span className="field-error" data-testid={testIds.streams.error('receiver')}>{form.errors.receiver}</span> : null}
      </label>
      <div className="row">
        <TokenSelect tokens={streamable} value={token} onChange={setToken} testId={testIds.streams.token} label={copy.streams.token} />
      </div>
      <AmountInput
        label={copy.streams.amount}
        value={text}
        onChange={setText}
        testId={testIds.streams.amount}
        error={form.errors.amount}
        onMax={meta ? () => setText(toInputText(available, meta.decimals)) : undefined}
        hint={meta ? `${copy.portfolio.available}: ${formatAmount(available, meta.decimals)}` : undefined}
      />
      <div className="field">
        <span className="field-label">{copy.streams.start}</span>
        <div className="row">
          <button type="button" className={startMode === 'now' ? 'chip active' : 'chip'} data-testid={testIds.streams.startNow} onClick={() => setStartMode('now')}>
            {copy.streams.startNow}
          </button>
          <button type="button" className={startMode === 'later' ? 'chip active' : 'chip'} data-testid={testIds.streams.startLater} onClick={() => setStartMode('later')}>
            {copy.streams.startLater}
          </button>
          {startMode === 'later' ? <input type="datetime-local" style={{ width: 'auto' }} value={startAt} onChange={(e) => setStartAt(e.target.value)} data-testid={testIds.streams.startAt} /> : null}
        </div>
        {form.errors.start ? <span className="field-error" data-testid={testIds.streams.error('start')}>{form.errors.start}</span> : null}
      </div>
      <div className="field">
        <span className="field-label">{copy.streams.duration}</span>
        <div className="chips">
          {STREAM_DURATION_PRESETS.map((p) => (
            <button key={p.label} type="button" className={preset === p.seconds ? 'chip active' : 'chip'} data-testid={testIds.streams.preset(p.label)} onClick={() => setPreset(p.seconds)}>
              {p.label}
            </button>
          ))}
          <button type="button" className={preset === 'custom' ? 'chip active' : 'chip'} data-testid={testIds.streams.preset('custom')} onClick={() => setPreset('custom')}>
            {copy.streams.custom}
          </button>
        </div>
        {preset === 'custom' ? (
          <div className="row">
            <input style={{ width: '6rem' }} inputMode="numeric" value={customValue} onChange={(e) => setCustomValue(e.target.value.replace(/\D/g, ''))} data-testid={testIds.streams.customValue} />
            <select style={{ width: 'auto' }} value={customUnit.toString()} onChange={(e) => setCustomUnit(BigInt(e.target.value))} data-testid={testIds.streams.customUnit}>
              {CUSTOM_DURATION_UNITS.map((u) => (
                <option key={u.label} value={u.seconds.toString()}>
                  {u.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {form.errors.duration ? <span className="field-error" data-testid={testIds.streams.error('duration')}>{form.errors.duration}</span> : null}
      </div>
      {preview && meta ? (
        <p className="muted small" data-testid={testIds.streams.preview}>
          <span data-testid={testIds.streams.previewPerSecond} data-value={preview.perSecond.toString()}>
            {formatAmount(preview.perSecond, meta.decimals, 6)}
          </span>{' '}
          {copy.streams.perSecond(meta.symbol)} ·{' '}
          <span data-testid={testIds.streams.previewPerMonth} data-value={preview.perMonth.toString()}>
            {formatAmount(preview.perMonth, meta.decimals, 2)}
          </span>{' '}
          {copy.streams.perMonth(meta.symbol)} · {copy.streams.ends}{' '}
          <span data-testid={testIds.streams.previewEnd} data-value={preview.end.toString()}>
            {formatDateTime(preview.end)}
          </span>
        </p>
      ) : null}
      <PrimaryButton action={action} onSubmit={() => void submit()} testId={testIds.streams.submit} />
    </div>
  );
}
