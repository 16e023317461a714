import type { OrderView } from '@streamswap/protocol';
import { useWallet } from '../hooks/useWallet.js';
import { useChainNowMs } from '../hooks/useNow.js';
import { useTokens } from '../hooks/useTokens.js';
import { copy } from '../lib/copy.js';
import { formatDateTime, formatDuration } from '../lib/format.js';
import { averagePriceScaled, isOrderOpen, orderStatusAt, orderTimes, soldAt } from '../lib/orders.js';
import { amountPerUnit, rateUnitFor } from '../lib/rateUnit.js';
import { progressBps } from '../lib/streams.js';
import { testIds } from '../lib/testIds.js';
import { Amount } from './Amount.js';
import { CancelOrder } from './CancelOrder.js';
import { Progress } from './Progress.js';
import { PairIcon } from './TokenIcon.js';

/** One DCA order in the Swap screen's list: live progress, sold/bought, average price, link to its page, cancel. */
export function OrderCard({ order }: { order: OrderView }) {
  const tokens = useTokens();
  const wallet = useWallet();
  const metaIn = tokens.meta(order.tokenIn);
  const metaOut = tokens.meta(order.tokenOut);
  const times = orderTimes(order);
  const first = useChainNowMs(false);
  const open = first !== undefined && isOrderOpen(times, first);
  const now = useChainNowMs(open) ?? 0n;
  const sold = soldAt(times, now);
  const bought = BigInt(order.bought);
  const avg = averagePriceScaled(BigInt(order.sold), bought, metaIn.decimals, metaOut.decimals);
  const status = first === undefined ? order.status : orderStatusAt(times, now);
  const unit = rateUnitFor(times.duration);
  const isOwner = wallet.address?.toLowerCase() === order.owner.toLowerCase();
  return (
    <div className="order-card" data-testid={testIds.swap.order(order.id)}>
      <div className="spread">
        <a className="order-title" href={`#/order/${order.id}`} data-testid={testIds.swap.orderLink(order.id)} aria-label={copy.swap.openOrder(order.id)}>
          <PairIcon a={metaIn} b={metaOut} size={20} />
          <strong>
            #{order.id} {metaIn.symbol} → {metaOut.symbol}
          </strong>
        </a>
        <span className={`badge ${status}`} data-testid={testIds.swap.orderStatus(order.id)}>
          {copy.swap.status[status]}
        </span>
      </div>
      <Progress bps={progressBps(sold, times.amountIn)} label={`Order #${order.id} sold`} />
      <div className="stats">
        <div className="stat">
          <span className="muted small">{copy.swap.sold}</span>
          <span className="num" data-testid={testIds.swap.orderSold(order.id)} data-value={sold.toString()}>
            <Amount value={sold} decimals={metaIn.decimals} /> / <Amount value={times.amountIn} decimals={metaIn.decimals} symbol={metaIn.symbol} />
          </span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.swap.bought}</span>
          <span className="num" data-testid={testIds.swap.orderBought(order.id)} data-value={bought.toString()}>
            <Amount value={bought} decimals={metaOut.decimals} symbol={metaOut.symbol} />
          </span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.swap.averagePrice}</span>
          <span className="num">{avg === null ? '—' : <><Amount value={avg} decimals={18} /> {metaOut.symbol}/{metaIn.symbol}</>}</span>
        </div>
      </div>
      <div className="spread wrap">
        <span className="muted small" data-testid={testIds.swap.orderRate(order.id)}>
          <Amount value={amountPerUnit(times.amountIn, times.duration, unit)} decimals={metaIn.decimals} symbol={metaIn.symbol} />/{unit.name} · {formatDuration(times.duration)} ·{' '}
          {order.closedAt !== null ? copy.swap.endedAt(formatDateTime(order.closedAt)) : copy.swap.ends(formatDateTime(order.end))}
        </span>
        {open && isOwner ? <CancelOrder order={order} testId={testIds.swap.orderCancel(order.id)} /> : null}
      </div>
    </div>
  );
}
