import { ordersViewSchema, poolViewSchema, quoteViewSchema, type OrderView } from '@streamswap/protocol';
import { useState } from 'react';
import type { Address } from 'viem';
import { AmountInput } from '../components/AmountInput.js';
import { PrimaryButton } from '../components/PrimaryButton.js';
import { Progress } from '../components/Progress.js';
import { TokenSelect } from '../components/TokenSelect.js';
import { WarningBox } from '../components/WarningBox.js';
import { useBalances } from '../hooks/useBalances.js';
import { useInspect } from '../hooks/useInspect.js';
import { useChainNowMs } from '../hooks/useNow.js';
import { useTokens } from '../hooks/useTokens.js';
import { useWallet } from '../hooks/useWallet.js';
import { useWriters } from '../hooks/useWriters.js';
import { checkAmount } from '../lib/amountField.js';
import { copy } from '../lib/copy.js';
import { DCA_STEPS, HOUR } from '../lib/durations.js';
import { formatAmount, formatBps, formatDateTime, formatDuration, toInputText } from '../lib/format.js';
import { priceScaled } from '../lib/liquidity.js';
import { averagePriceScaled, isOrderOpen, perInterval, soldAt } from '../lib/orders.js';
import { priceImpactWarning } from '../lib/priceImpact.js';
import { primaryAction } from '../lib/primaryAction.js';
import { progressBps } from '../lib/streams.js';
import { previewSwap } from '../lib/swapQuote.js';
import { testIds } from '../lib/testIds.js';
import { tickAt } from '../lib/ticking.js';

export default function Swap() {
  const wallet = useWallet();
  const orders = useInspect(wallet.address ? `orders/${wallet.address}?limit=50` : null, ordersViewSchema);
  return (
    <section className="screen">
      <h1>{copy.swap.title}</h1>
      <div className="grid2">
        <SwapForm />
        <div className="card" data-testid={testIds.swap.orders}>
          <h2>{copy.swap.orders}</h2>
          {(orders.data?.orders ?? []).length === 0 ? <div className="empty">{copy.swap.emptyOrders}</div> : null}
          {(orders.data?.orders ?? []).map((o) => (
            <OrderRow key={o.id} order={o} />
          ))}
        </div>
      </div>
    </section>
  );
}

function SwapForm() {
  const wallet = useWallet();
  const tokens = useTokens();
  const writers = useWriters();
  const { map } = useBalances(wallet.address);
  const [tokenIn, setTokenIn] = useState<Address | undefined>(tokens.erc20[0]?.address);
  const [tokenOut, setTokenOut] = useState<Address | undefined>(tokens.erc20[1]?.address);
  const [text, setText] = useState('');
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const nowMs = useChainNowMs(false) ?? BigInt(Date.now());
  const pair = tokenIn && tokenOut && tokenIn !== tokenOut ? `pool/${tokenIn}/${tokenOut}` : null;
  const pool = useInspect(pair, poolViewSchema);
  const metaIn = tokenIn ? tokens.meta(tokenIn) : undefined;
  const metaOut = tokenOut ? tokens.meta(tokenOut) : undefined;
  const live = tokenIn ? map.get(tokenIn) : undefined;
  const available = live ? tickAt(live.available, nowMs) : 0n;
  const amount = checkAmount(text, metaIn?.decimals ?? 18, wallet.connected ? available : undefined);
  const duration = DCA_STEPS[step]!.seconds;
  const quote = amount.state === 'ok' && pool.data && !pool.isError ? previewSwap(pool.data, amount.value, duration) : null;
  const warning = quote ? priceImpactWarning(quote.priceImpactBps) : null;
  // a DCA order's expected output: the node projects the pool over the real expiry schedule of the
  // other orders; until it answers, the current price stands in
  const nodeQuote = useInspect(quote?.kind === 'order' && tokenIn && tokenOut && amount.state === 'ok' ? `quote/${tokenIn}/${tokenOut}/${amount.value}?duration=${duration}` : null, quoteViewSchema);
  const projected = quote?.kind === 'order' && nodeQuote.data && !nodeQuote.isError && nodeQuote.data.tokenIn === tokenIn && BigInt(nodeQuote.data.amountIn) === (amount.state === 'ok' ? amount.value : -1n) && BigInt(nodeQuote.data.duration) === duration ? BigInt(nodeQuote.data.amountOut) : null;
  const expectedOut = quote ? (projected ?? quote.amountOut) : 0n;
  const noPool = pair !== null && pool.isError;
  const action = primaryAction({
    ...wallet,
    busy,
    amount,
    symbol: metaIn?.symbol ?? '',
    formError: pair === null ? copy.button.selectTokens : noPool ? copy.button.noPool : undefined,
    submitLabel: duration === 0n ? copy.button.swap : copy.button.placeOrder,
  });

  const submit = async () => {
    if (!tokenIn || !tokenOut || !metaIn || amount.state !== 'ok' || !quote) return;
    setBusy(true);
    const label = duration === 0n ? `Swap ${formatAmount(amount.value, metaIn.decimals)} ${metaIn.symbol}` : `DCA ${formatAmount(amount.value, metaIn.decimals)} ${metaIn.symbol} over ${formatDuration(duration)}`;
    const stage = await writers.addInput(label, 'swap', [tokenIn, tokenOut, amount.value, quote.amountOutMin, 0n, duration]);
    setBusy(false);
    if (stage.stage === 'accepted') setText('');
  };

  const spot = pool.data && metaIn && metaOut ? priceScaled(BigInt(pool.data.reserveA), BigInt(pool.data.reserveB), metaIn.decimals, metaOut.decimals) : null;

  return (
    <div className="card">
      <div className="field">
        <span className="field-label">{copy.swap.sell}</span>
        <div className="row">
          <TokenSelect tokens={tokens.tradable} value={tokenIn} onChange={setTokenIn} testId={testIds.swap.tokenIn} label={copy.swap.sell} />
          <button
            type="button"
            className="ghost small"
            aria-label="Flip tokens"
            data-testid={testIds.swap.flip}
            onClick={() => {
              setTokenIn(tokenOut);
              setTokenOut(tokenIn);
            }}
          >
            ⇅
          </button>
          <TokenSelect tokens={tokens.tradable} value={tokenOut} onChange={setTokenOut} testId={testIds.swap.tokenOut} label={copy.swap.buy} />
        </div>
      </div>
      <AmountInput
        label={copy.streams.amount}
        value={text}
        onChange={setText}
        testId={testIds.swap.amount}
        error={amount.state === 'invalid' || amount.state === 'insufficient' ? amount.message : undefined}
        onMax={metaIn ? () => setText(toInputText(available, metaIn.decimals)) : undefined}
        hint={metaIn ? `${copy.portfolio.available}: ${formatAmount(available, metaIn.decimals)}` : undefined}
      />
      <label className="field">
        <span className="field-label">
          {copy.swap.duration}
          <strong data-testid={testIds.swap.durationLabel}>{DCA_STEPS[step]!.label}</strong>
        </span>
        <input type="range" min={0} max={DCA_STEPS.length - 1} step={1} value={step} onChange={(e) => setStep(Number(e.target.value))} data-testid={testIds.swap.duration} aria-valuetext={DCA_STEPS[step]!.label} />
        <span className="spread muted small">
          <span>{DCA_STEPS[0].label}</span>
          <span>{DCA_STEPS[DCA_STEPS.length - 1]!.label}</span>
        </span>
      </label>
      {quote && metaIn && metaOut ? (
        <dl className="details" data-testid={testIds.swap.quote}>
          <dt>{copy.swap.rate}</dt>
          <dd>{spot !== null ? `1 ${metaIn.symbol} = ${formatAmount(spot, 18, 6)} ${metaOut.symbol}` : '—'}</dd>
          <dt>{quote.kind === 'order' ? (projected !== null ? copy.swap.expectedProjected : copy.swap.expectedDca) : copy.swap.expected}</dt>
          <dd data-testid={testIds.swap.amountOut} data-value={expectedOut.toString()} data-source={quote.kind === 'order' ? (projected !== null ? 'node' : 'spot') : 'pool'}>
            {quote.kind === 'order' ? '≈ ' : ''}
            {formatAmount(expectedOut, metaOut.decimals, 6)} {metaOut.symbol}
          </dd>
          {quote.kind === 'order' && projected !== null ? (
            <>
              <dt className="small">{copy.swap.atCurrentPrice}</dt>
              <dd className="small muted" data-testid={testIds.swap.amountOutSpot} data-value={quote.amountOut.toString()}>
                {formatAmount(quote.amountOut, metaOut.decimals, 6)} {metaOut.symbol}
              </dd>
            </>
          ) : null}
          <dt>{quote.kind === 'order' ? copy.swap.priceImpactDca : copy.swap.priceImpact}</dt>
          <dd data-testid={testIds.swap.priceImpact}>{formatBps(quote.priceImpactBps)}</dd>
          {quote.kind === 'instant' ? (
            <>
              <dt>{copy.swap.minimumReceived}</dt>
              <dd>
                {formatAmount(quote.amountOutMin, metaOut.decimals, 6)} {metaOut.symbol}
              </dd>
            </>
          ) : (
            <>
              <dt>{copy.swap.perInterval}</dt>
              <dd>
                {formatAmount(perInterval(amount.state === 'ok' ? amount.value : 0n, duration, HOUR), metaIn.decimals, 6)} {metaIn.symbol}
              </dd>
              <dt>Ends</dt>
              <dd>{formatDateTime(nowMs / 1000n + duration)}</dd>
            </>
          )}
          <dt>{copy.swap.fee}</dt>
          <dd>
            {formatAmount(quote.fee, metaIn.decimals, 6)} {metaIn.symbol}
          </dd>
        </dl>
      ) : (
        <p className="muted small">{noPool ? copy.button.noPool : copy.swap.noQuote}</p>
      )}
      {warning ? <WarningBox warning={warning} testId={testIds.swap.warning} /> : null}
      <PrimaryButton action={action} onSubmit={() => void submit()} testId={testIds.swap.submit} />
    </div>
  );
}

function OrderRow({ order }: { order: OrderView }) {
  const tokens = useTokens();
  const writers = useWriters();
  const metaIn = tokens.meta(order.tokenIn);
  const metaOut = tokens.meta(order.tokenOut);
  const times = { amountIn: BigInt(order.amountIn), start: BigInt(order.start), duration: BigInt(order.duration), status: order.status, sold: BigInt(order.sold), closedAt: order.closedAt === null ? null : BigInt(order.closedAt) };
  const first = useChainNowMs(false);
  const open = first !== undefined && isOrderOpen(times, first);
  const now = useChainNowMs(open) ?? 0n;
  const sold = soldAt(times, now);
  const bought = BigInt(order.bought);
  const avg = averagePriceScaled(BigInt(order.sold), bought, metaIn.decimals, metaOut.decimals);
  const status = open ? (now < times.start * 1000n ? 'pending' : 'active') : order.status === 'active' || order.status === 'pending' ? 'completed' : order.status;
  const [busy, setBusy] = useState(false);
  return (
    <div className="card" style={{ margin: 0, background: 'var(--panel-2)' }} data-testid={testIds.swap.order(order.id)}>
      <div className="spread">
        <strong>
          #{order.id} {metaIn.symbol} → {metaOut.symbol}
        </strong>
        <span className={`badge ${status}`} data-testid={testIds.swap.orderStatus(order.id)}>
          {copy.swap.status[status]}
        </span>
      </div>
      <Progress bps={progressBps(sold, times.amountIn)} />
      <div className="stats">
        <div className="stat">
          <span className="muted small">{copy.swap.sold}</span>
          <span className="num">
            <span data-testid={testIds.swap.orderSold(order.id)} data-value={sold.toString()}>
              {formatAmount(sold, metaIn.decimals)}
            </span>{' '}
            / {formatAmount(times.amountIn, metaIn.decimals)} {metaIn.symbol}
          </span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.swap.bought}</span>
          <span className="num">
            <span data-testid={testIds.swap.orderBought(order.id)} data-value={bought.toString()}>
              {formatAmount(bought, metaOut.decimals)}
            </span>{' '}
            {metaOut.symbol}
          </span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.swap.averagePrice}</span>
          <span className="num">{avg === null ? '—' : `${formatAmount(avg, 18, 6)} ${metaOut.symbol}/${metaIn.symbol}`}</span>
        </div>
      </div>
      <span className="muted small">
        {formatDuration(times.duration)} · ends {formatDateTime(order.end)}
      </span>
      {open ? (
        <button
          type="button"
          className="danger small"
          disabled={busy}
          data-testid={testIds.swap.orderCancel(order.id)}
          onClick={async () => {
            setBusy(true);
            await writers.addInput(`Cancel order #${order.id}`, 'cancelSwap', [BigInt(order.id)]);
            setBusy(false);
          }}
        >
          {busy ? copy.button.working : copy.button.cancel}
        </button>
      ) : null}
    </div>
  );
}
