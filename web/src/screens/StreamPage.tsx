import { streamViewSchema } from '@streamswap/protocol';
import { lazy, Suspense, useState } from 'react';
import { Amount } from '../components/Amount.js';
import { CancelStreamButton } from '../components/CancelStreamButton.js';
import { Progress } from '../components/Progress.js';
import { StreamedAmount, StreamRateText, streamWhen } from '../components/StreamFigures.js';
import { useInspect } from '../hooks/useInspect.js';
import { useStreamLive } from '../hooks/useStreamLive.js';
import { useTokens } from '../hooks/useTokens.js';
import { useWallet } from '../hooks/useWallet.js';
import { copy } from '../lib/copy.js';
import { formatBps, formatDateTime, formatDuration } from '../lib/format.js';
import { canCancelStream, progressBps } from '../lib/streams.js';
import { testIds } from '../lib/testIds.js';
import { InspectError } from '../node/inspect.js';
import type { StreamView } from '@streamswap/protocol';

const StreamChart = lazy(() => import('./StreamChart.js'));

/** A stream's own page (#/stream/<id>): readable by anyone with the link; the sender can cancel it here. */
export default function StreamPage({ id }: { id: string }) {
  const stream = useInspect(`stream/${id}`, streamViewSchema);
  return (
    <section className="screen" data-testid={testIds.streams.detail}>
      <p>
        <a href="#/streams" className="link small">
          ← {copy.streams.detail.back}
        </a>
      </p>
      {stream.data ? (
        <StreamDetail stream={stream.data} />
      ) : stream.error instanceof InspectError && stream.error.code === 'STREAM_NOT_FOUND' ? (
        <div className="card empty">{copy.streams.detail.notFound(id)}</div>
      ) : (
        <p className="muted">{copy.streams.detail.loading}</p>
      )}
    </section>
  );
}

function Party({ label, address, me }: { label: string; address: string; me: string | undefined }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="mono break" title={address}>
        {address}
        {me && me.toLowerCase() === address.toLowerCase() ? <span className="badge you">{copy.streams.detail.you}</span> : null}
      </dd>
    </>
  );
}

function StreamDetail({ stream }: { stream: StreamView }) {
  const wallet = useWallet();
  const tokens = useTokens();
  const meta = tokens.meta(stream.token);
  const { times, now, status, streamed, remaining } = useStreamLive(stream);
  const canceled = stream.status === 'canceled';
  const isSender = !!wallet.address && wallet.address.toLowerCase() === stream.sender.toLowerCase();
  const [copied, setCopied] = useState(false);
  const copyLink = async () => {
    await navigator.clipboard?.writeText(window.location.href).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 2_000);
  };
  const bps = progressBps(streamed, times.amount);

  return (
    <>
      <div className="spread wrap">
        <h1>
          {copy.streams.detail.title(stream.id)}{' '}
          <span className={`badge ${status}`} data-testid={testIds.streams.status(stream.id)}>
            {copy.streams.status[status]}
          </span>
        </h1>
        <button type="button" className="ghost small" onClick={() => void copyLink()} data-testid={testIds.streams.copyLink}>
          {copied ? copy.streams.detail.copied : copy.streams.detail.copyLink}
        </button>
      </div>
      <div className="grid2">
        <div className="card">
          <div className="stats">
            <div className="stat">
              <span className="muted small">{copy.streams.streamedLabel}</span>
              <span className="value">
                <StreamedAmount streamed={streamed} times={times} status={status} decimals={meta.decimals} testId={testIds.streams.detailStreamed} /> {meta.symbol}
              </span>
            </div>
            <div className="stat">
              <span className="muted small">{canceled ? copy.streams.refunded : copy.streams.remainingLabel}</span>
              <span className="value">
                <Amount value={remaining} decimals={meta.decimals} symbol={meta.symbol} testId={testIds.streams.detailRemaining} />
              </span>
            </div>
          </div>
          <Progress bps={bps} label={copy.streams.progressName(stream.id)} />
          <p className="muted small">
            {formatBps(bps)} {copy.streams.streamedOf} <Amount value={times.amount} decimals={meta.decimals} symbol={meta.symbol} /> · {streamWhen(stream, status)}
          </p>
          <Suspense fallback={<div className="chart-box muted">…</div>}>
            <StreamChart id={stream.id} times={times} decimals={meta.decimals} symbol={meta.symbol} tall />
          </Suspense>
        </div>
        <div className="card">
          <dl className="details stacked">
            <Party label={copy.streams.detail.sender} address={stream.sender} me={wallet.address} />
            <Party label={copy.streams.detail.receiver} address={stream.receiver} me={wallet.address} />
            <dt>{copy.streams.detail.amount}</dt>
            <dd>
              <Amount value={times.amount} decimals={meta.decimals} symbol={meta.symbol} />
            </dd>
            {canceled ? null : (
              <>
                <dt>{copy.streams.rate}</dt>
                <dd>
                  <StreamRateText times={times} decimals={meta.decimals} symbol={meta.symbol} />
                </dd>
              </>
            )}
            <dt>{copy.streams.detail.duration}</dt>
            <dd>{formatDuration(times.duration)}</dd>
            <dt>{copy.streams.detail.start}</dt>
            <dd>{formatDateTime(stream.start)}</dd>
            <dt>{canceled ? copy.streams.detail.canceled : copy.streams.detail.end}</dt>
            <dd>{formatDateTime(canceled && stream.canceledAt !== null ? stream.canceledAt : stream.end)}</dd>
            {canceled ? (
              <>
                <dt>{copy.streams.receiverKept}</dt>
                <dd>
                  <Amount value={times.streamed} decimals={meta.decimals} symbol={meta.symbol} />
                </dd>
                <dt>{copy.streams.refunded}</dt>
                <dd>
                  <Amount value={times.amount - times.streamed} decimals={meta.decimals} symbol={meta.symbol} />
                </dd>
              </>
            ) : null}
          </dl>
          {isSender && canCancelStream(times, now, true) ? (
            <div className="row">
              <CancelStreamButton stream={stream} />
            </div>
          ) : null}
        </div>
      </div>
    </>
  );
}
