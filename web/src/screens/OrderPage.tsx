import { orderViewSchema } from '@streamswap/protocol';
import { lazy, Suspense, useState } from 'react';
import { Amount } from '../components/Amount.js';
import { CancelOrder } from '../components/CancelOrder.js';
import { Progress } from '../components/Progress.js';
import { PairIcon } from '../components/TokenIcon.js';
import { useInspect } from '../hooks/useInspect.js';
import { useChainNowMs } from '../hooks/useNow.js';
import { useTokens } from '../hooks/useTokens.js';
import { useWallet } from '../hooks/useWallet.js';
import { copy } from '../lib/copy.js';
import { formatBps, formatDateTime, formatDuration, shortAddress } from '../lib/format.js';
import { limitPriceScaled } from '../lib/limitPrice.js';
import { averagePriceScaled, isOrderOpen, orderStatusAt, orderTimes, soldAt } from '../lib/orders.js';
import { amountPerUnit, rateUnitFor } from '../lib/rateUnit.js';
import { progressBps } from '../lib/streams.js';
import { testIds } from '../lib/testIds.js';
import '../swapPool.css';

// recharts loads with the chart, not with the page's figures
const OrderChart = lazy(() => import('./OrderChart.js'));

/** A DCA order's own page (#/order/<id>): shareable with anyone; the owner can cancel it here. */
export default function OrderPage({ id }: { id: string }) {
  const valid = /^\d{1,30}$/.test(id);
  const query = useInspect(valid ? `order/${id}` : null, orderViewSchema);
  const order = query.data && query.data.id === id ? query.data : undefined;
  if (!valid || (query.isError && !order)) {
    return (
      <section className="screen">
        <a className="back-link" href="#/swap">
          ← {copy.order.back}
        </a>
        <div className="card empty" data-testid={testIds.order.notFound} role="status">
          {copy.order.notFound(id)}
        </div>
      </section>
    );
  }
  if (!order) return <p className="muted center">…</p>;
  return <OrderDetail order={order} />;
}

function OrderDetail({ order }: { order: NonNullable<ReturnType<typeof orderViewSchema.parse>> }) {
  const tokens = useTokens();
  const wallet = useWallet();
  const [copied, setCopied] = useState(false);
  const metaIn = tokens.meta(order.tokenIn);
  const metaOut = tokens.meta(order.tokenOut);
  const times = orderTimes(order);
  const first = useChainNowMs(false);
  const open = first !== undefined && isOrderOpen(times, first);
  const now = useChainNowMs(open) ?? 0n;
  const sold = soldAt(times, now);
  const bought = BigInt(order.bought);
  const status = first === undefined ? order.status : orderStatusAt(times, now);
  const avg = averagePriceScaled(BigInt(order.sold), bought, metaIn.decimals, metaOut.decimals);
  const limit = order.minAveragePriceX64 === null ? null : limitPriceScaled(BigInt(order.minAveragePriceX64), metaIn.decimals, metaOut.decimals);
  const unit = rateUnitFor(times.duration);
  const isOwner = wallet.address?.toLowerCase() === order.owner.toLowerCase();
  const progress = progressBps(sold, times.amountIn);
  const copyLink = async () => {
    await navigator.clipboard?.writeText(window.location.href).catch(() => undefined);
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2_000);
  };
  return (
    <section className="screen" data-testid={testIds.order.page}>
      <a className="back-link" href="#/swap">
        ← {copy.order.back}
      </a>
      <div className="order-head">
        <h1>
          <PairIcon a={metaIn} b={metaOut} size={28} />
          {copy.order.title(order.id)}
        </h1>
        <div className="row">
          <span className={`badge ${status}`} data-testid={testIds.order.status}>
            {copy.swap.status[status]}
          </span>
          <button type="button" className="ghost small" onClick={() => void copyLink()} data-testid={testIds.order.copyLink}>
            {copied ? copy.order.copied : copy.order.copyLink}
          </button>
          <span className="visually-hidden" role="status">
            {copied ? copy.order.copied : ''}
          </span>
        </div>
      </div>
      <div className="card">
        <div className="spread wrap">
          <span>
            {copy.order.pair}: <strong>{metaIn.symbol} → {metaOut.symbol}</strong>
          </span>
          <span className="muted small">
            {copy.order.owner}:{' '}
            <span className="mono" title={order.owner} data-testid={testIds.order.owner}>
              {shortAddress(order.owner)}
            </span>
            {isOwner ? ` (${copy.order.you})` : null}
          </span>
        </div>
        <Progress bps={progress} label={`Order #${order.id} sold`} />
        <span className="muted small">
          {formatBps(progress)} {copy.swap.sold.toLowerCase()}
        </span>
        <div className="stats">
          <div className="stat">
            <span className="muted small">{copy.swap.sold}</span>
            <span className="value" data-testid={testIds.order.sold} data-value={sold.toString()}>
              <Amount value={sold} decimals={metaIn.decimals} /> / <Amount value={times.amountIn} decimals={metaIn.decimals} symbol={metaIn.symbol} />
            </span>
          </div>
          <div className="stat">
            <span className="muted small">{copy.swap.bought}</span>
            <span className="value" data-testid={testIds.order.bought} data-value={bought.toString()}>
              <Amount value={bought} decimals={metaOut.decimals} symbol={metaOut.symbol} />
            </span>
          </div>
          <div className="stat">
            <span className="muted small">{copy.swap.averagePrice}</span>
            <span className="value" data-testid={testIds.order.average}>
              {avg === null ? '—' : <><Amount value={avg} decimals={18} /> <span className="small muted">{metaOut.symbol}/{metaIn.symbol}</span></>}
            </span>
          </div>
        </div>
        <dl className="details">
          <dt>{copy.swap.perUnit(unit.name)}</dt>
          <dd>
            <Amount value={amountPerUnit(times.amountIn, times.duration, unit)} decimals={metaIn.decimals} symbol={metaIn.symbol} />
          </dd>
          <dt>{copy.order.duration}</dt>
          <dd>{formatDuration(times.duration)}</dd>
          <dt>{copy.order.start}</dt>
          <dd>{formatDateTime(order.start)}</dd>
          <dt>{order.closedAt !== null ? copy.order.closed : copy.order.end}</dt>
          <dd>{formatDateTime(order.closedAt ?? order.end)}</dd>
          <dt>{copy.order.minimum}</dt>
          <dd>{BigInt(order.amountOutMin) > 0n ? <Amount value={BigInt(order.amountOutMin)} decimals={metaOut.decimals} symbol={metaOut.symbol} /> : copy.order.none}</dd>
          <dt>{copy.swap.limitShown}</dt>
          <dd>{limit !== null ? <><Amount value={limit} decimals={18} /> {metaOut.symbol}/{metaIn.symbol}</> : copy.order.none}</dd>
        </dl>
        {open ? isOwner ? <CancelOrder order={order} testId={testIds.order.cancel} /> : <p className="muted small">{copy.order.notOwner}</p> : null}
      </div>
      <Suspense fallback={<div className="card chart-box muted">…</div>}>
        <OrderChart order={order} average={avg} limit={limit} />
      </Suspense>
    </section>
  );
}
