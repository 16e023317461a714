import { streamsViewSchema, type StreamView } from '@streamswap/protocol';
import { lazy, Suspense, useState } from 'react';
import type { Address } from 'viem';
import { Amount } from '../components/Amount.js';
import { AmountInput } from '../components/AmountInput.js';
import { CancelStreamButton } from '../components/CancelStreamButton.js';
import { ConnectPrompt } from '../components/ConnectPrompt.js';
import { PrimaryButton } from '../components/PrimaryButton.js';
import { Progress } from '../components/Progress.js';
import { StreamedAmount, StreamRateText, streamWhen } from '../components/StreamFigures.js';
import { TokenSelect } from '../components/TokenSelect.js';
import { useBalances } from '../hooks/useBalances.js';
import { useInspect } from '../hooks/useInspect.js';
import { useChainNowMs } from '../hooks/useNow.js';
import { useStreamLive } from '../hooks/useStreamLive.js';
import { useTokens } from '../hooks/useTokens.js';
import { useWallet } from '../hooks/useWallet.js';
import { useWriters } from '../hooks/useWriters.js';
import { copy } from '../lib/copy.js';
import { CUSTOM_DURATION_UNITS, parseDurationText, STREAM_DURATION_PRESETS } from '../lib/durations.js';
import { formatDateTime, formatDuration, formatTokenAmount, shortAddress, toInputText } from '../lib/format.js';
import { primaryAction } from '../lib/primaryAction.js';
import { validateStreamForm } from '../lib/streamForm.js';
import { canCancelStream, previewStream, progressBps } from '../lib/streams.js';
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
          {!wallet.connected ? (
            <ConnectPrompt text={copy.streams.connectPrompt} testId={testIds.streams.connectPrompt} />
          ) : list.length === 0 ? (
            <div className="empty">{tab === 'incoming' ? copy.streams.emptyIncoming : copy.streams.emptyOutgoing}</div>
          ) : null}
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
  const meta = tokens.meta(stream.token);
  const { times, now, status, streamed } = useStreamLive(stream);
  const other = direction === 'incoming' ? stream.sender : stream.receiver;
  const [chartOpen, setChartOpen] = useState(false);
  const canceled = stream.status === 'canceled';

  return (
    <article className="card stream-row" data-testid={testIds.streams.row(stream.id)} aria-labelledby={`stream-${stream.id}-title`}>
      <div className="spread">
        <a href={`#/stream/${stream.id}`} id={`stream-${stream.id}-title`} className="link" data-testid={testIds.streams.link(stream.id)}>
          <strong>#{stream.id}</strong> {direction === 'incoming' ? copy.streams.from : copy.streams.to} <span className="mono" title={other}>{shortAddress(other)}</span>
        </a>
        <span className={`badge ${status}`} data-testid={testIds.streams.status(stream.id)}>
          {copy.streams.status[status]}
        </span>
      </div>
      <div className="spread wrap">
        <span className="num">
          <StreamedAmount streamed={streamed} times={times} status={status} decimals={meta.decimals} testId={testIds.streams.streamed(stream.id)} /> / <Amount value={times.amount} decimals={meta.decimals} symbol={meta.symbol} />
        </span>
        <span className="muted small">
          {canceled ? null : (
            <>
              <StreamRateText times={times} decimals={meta.decimals} symbol={meta.symbol} testId={testIds.streams.rate(stream.id)} /> ·{' '}
            </>
          )}
          {formatDuration(times.duration)} · {streamWhen(stream, status)}
        </span>
      </div>
      {canceled ? (
        <p className="small muted" data-testid={testIds.streams.canceledInfo(stream.id)}>
          {copy.streams.receiverKept} <Amount value={times.streamed} decimals={meta.decimals} symbol={meta.symbol} /> · {copy.streams.refunded} <Amount value={times.amount - times.streamed} decimals={meta.decimals} symbol={meta.symbol} />
        </p>
      ) : null}
      <Progress bps={progressBps(streamed, times.amount)} label={copy.streams.progressName(stream.id)} />
      {chartOpen ? (
        <Suspense fallback={<div className="chart-box small-chart muted">…</div>}>
          <StreamChart id={stream.id} times={times} decimals={meta.decimals} symbol={meta.symbol} />
        </Suspense>
      ) : null}
      <div className="row">
        <button type="button" className="ghost small" aria-expanded={chartOpen} aria-label={copy.streams.chartName(chartOpen, stream.id)} data-testid={testIds.streams.chartToggle(stream.id)} onClick={() => setChartOpen((o) => !o)}>
          {chartOpen ? copy.streams.hideChart : copy.streams.showChart}
        </button>
        {canCancelStream(times, now, direction === 'outgoing') ? <CancelStreamButton stream={stream} /> : null}
      </div>
    </article>
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
  const custom = parseDurationText(customValue, customUnit);
  const duration = preset === 'custom' ? (custom.ok ? custom.seconds : 0n) : preset;
  const durationError = preset === 'custom' && !custom.ok ? copy.streams.durationText[custom.reason] : undefined;
  const start = startMode === 'now' || startAt === '' ? 0n : BigInt(Math.floor(new Date(startAt).getTime() / 1000));
  const form = validateStreamForm({ sender: wallet.address, receiver, amountText: text, decimals: meta?.decimals ?? 18, available: wallet.connected ? available : undefined, start, duration, now, durationError });
  const action = primaryAction({ ...wallet, busy, amount: form.amount, symbol: meta?.symbol ?? '', formError: form.firstError, submitLabel: copy.button.startStream });
  const preview = form.amount.state === 'ok' && duration > 0n ? previewStream(form.amount.value, start === 0n ? now : start, duration) : null;

  const submit = async () => {
    if (!token || !meta || form.amount.state !== 'ok' || !form.receiver) return;
    setBusy(true);
    const stage = await writers.addInput(`Stream ${formatTokenAmount(form.amount.value, meta.decimals, meta.symbol)} to ${shortAddress(form.receiver)}`, 'stream', [token, form.receiver, form.amount.value, start, duration]);
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
        hint={meta && wallet.connected ? <>{copy.portfolio.available}: <Amount value={available} decimals={meta.decimals} symbol={meta.symbol} /></> : undefined}
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
            {/* what the user typed stays as typed: it is read, never rewritten */}
            <input
              style={{ width: '7rem' }}
              inputMode="decimal"
              autoComplete="off"
              aria-label={copy.streams.customValueLabel}
              aria-invalid={!!durationError}
              aria-describedby="stream-duration-error"
              value={customValue}
              onChange={(e) => setCustomValue(e.target.value)}
              data-testid={testIds.streams.customValue}
            />
            <select style={{ width: 'auto' }} aria-label={copy.streams.customUnitLabel} value={customUnit.toString()} onChange={(e) => setCustomUnit(BigInt(e.target.value))} data-testid={testIds.streams.customUnit}>
              {CUSTOM_DURATION_UNITS.map((u) => (
                <option key={u.label} value={u.seconds.toString()}>
                  {u.label}
                </option>
              ))}
            </select>
            {custom.ok ? (
              <span className="muted small" data-testid={testIds.streams.customDurationIs} data-value={custom.seconds.toString()}>
                {copy.streams.durationIs(formatDuration(custom.seconds))}
              </span>
            ) : null}
          </div>
        ) : null}
        {form.errors.duration ? (
          <span className="field-error" id="stream-duration-error" role="alert" data-testid={testIds.streams.error('duration')}>
            {form.errors.duration}
          </span>
        ) : null}
      </div>
      {preview && meta ? (
        <p className="muted small" data-testid={testIds.streams.preview}>
          <span data-testid={testIds.streams.previewRate} data-unit={preview.rate.unit.name} data-base-units={preview.rate.perUnit.toString()}>
            <Amount value={preview.rate.perUnit} decimals={meta.decimals} /> {copy.streams.per(meta.symbol, preview.rate.unit.name)}
          </span>{' '}
          · {formatDuration(duration)} · {copy.streams.ends}{' '}
          <span data-testid={testIds.streams.previewEnd} data-value={preview.end.toString()}>
            {formatDateTime(preview.end)}
          </span>
        </p>
      ) : null}
      <PrimaryButton action={action} onSubmit={() => void submit()} testId={testIds.streams.submit} />
    </div>
  );
}
