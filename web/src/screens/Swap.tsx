import { orderWindow, ordersViewSchema, poolViewSchema } from '@streamswap/protocol';
import { useState } from 'react';
import type { Address } from 'viem';
import { Amount } from '../components/Amount.js';
import { AmountInput } from '../components/AmountInput.js';
import { OrderCard } from '../components/OrderCard.js';
import { PrimaryButton } from '../components/PrimaryButton.js';
import { SlippageSetting } from '../components/SlippageSetting.js';
import { TokenIcon } from '../components/TokenIcon.js';
import { TokenSelect } from '../components/TokenSelect.js';
import { WarningBox } from '../components/WarningBox.js';
import { useBalances } from '../hooks/useBalances.js';
import { useInspect } from '../hooks/useInspect.js';
import { useNodeQuote } from '../hooks/useNodeQuote.js';
import { useChainNowMs } from '../hooks/useNow.js';
import { useTokens } from '../hooks/useTokens.js';
import { useWallet } from '../hooks/useWallet.js';
import { useWriters } from '../hooks/useWriters.js';
import { checkAmount } from '../lib/amountField.js';
import { copy } from '../lib/copy.js';
import { DCA_STEPS } from '../lib/durations.js';
import { formatAmount, formatBps, formatDateTime, formatDuration, toInputText } from '../lib/format.js';
import { averagePriceOf, limitPriceScaled, meetsLimit, parseLimitPrice, priceText } from '../lib/limitPrice.js';
import { priceScaled } from '../lib/liquidity.js';
import { primaryAction } from '../lib/primaryAction.js';
import { amountPerUnit, rateUnitFor } from '../lib/rateUnit.js';
import { DEFAULT_SLIPPAGE_BPS, minimumAfterSlippage, parseSlippage } from '../lib/slippage.js';
import { previewSwap } from '../lib/swapQuote.js';
import { shortfallBps, swapWarnings } from '../lib/swapWarnings.js';
import { testIds } from '../lib/testIds.js';
import { tickAt } from '../lib/ticking.js';
import '../swapPool.css';

export default function Swap() {
  const wallet = useWallet();
  const orders = useInspect(wallet.address ? `orders/${wallet.address}?limit=50` : null, ordersViewSchema);
  const list = orders.data?.orders ?? [];
  return (
    <section className="screen">
      <h1>{copy.swap.title}</h1>
      <div className="grid2">
        <SwapForm />
        <div className="card" data-testid={testIds.swap.orders}>
          <h2>{copy.swap.orders}</h2>
          {list.length === 0 ? <div className="empty">{copy.swap.emptyOrders}</div> : null}
          {list.map((o) => (
            <OrderCard key={o.id} order={o} />
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
  const [slippageText, setSlippageText] = useState('0.5');
  const [limitText, setLimitText] = useState('');
  const [confirmedFor, setConfirmedFor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nowMs = useChainNowMs(false) ?? BigInt(Date.now());

  const same = tokenIn !== undefined && tokenIn === tokenOut;
  const pair = tokenIn && tokenOut && !same ? `pool/${tokenIn}/${tokenOut}` : null;
  const pool = useInspect(pair, poolViewSchema);
  const noPool = pair !== null && pool.isError;
  const poolData = pair !== null && !pool.isError && pool.data && pool.data.tokenA.toLowerCase() === tokenIn!.toLowerCase() && pool.data.tokenB.toLowerCase() === tokenOut!.toLowerCase() ? pool.data : undefined;
  const metaIn = tokenIn ? tokens.meta(tokenIn) : undefined;
  const metaOut = tokenOut ? tokens.meta(tokenOut) : undefined;
  const live = tokenIn ? map.get(tokenIn) : undefined;
  const available = live ? tickAt(live.available, nowMs) : 0n;
  const amount = checkAmount(text, metaIn?.decimals ?? 18, wallet.connected ? available : undefined);
  const amountIn = amount.state === 'ok' || amount.state === 'insufficient' ? amount.value : null;
  const duration = DCA_STEPS[step]!.seconds;
  const isOrder = duration > 0n;
  // the order's real window if it were placed now: it ends on the back-end's minute grid (protocol orderWindow.ts)
  const nowSeconds = nowMs / 1000n;
  const orderEnd = isOrder ? orderWindow(nowSeconds, 0n, duration).end : nowSeconds;

  // the node's quote is the figure the user gets (exact for instant, projected over the real schedule
  // for DCA); the local preview with the protocol's math fills the gap until it answers
  const local = amountIn !== null && poolData ? previewSwap(poolData, amountIn, duration) : null;
  const node = useNodeQuote(poolData ? tokenIn : undefined, tokenOut, amountIn, duration);
  const expectedOut = node ? BigInt(node.amountOut) : (local?.amountOut ?? null);
  const priceImpactBps = node ? node.priceImpactBps : (local?.priceImpactBps ?? 0);
  const fee = node ? BigInt(node.fee) : (local?.fee ?? null);

  const slippage = parseSlippage(slippageText);
  const slippageBps = slippage.ok ? slippage.bps : DEFAULT_SLIPPAGE_BPS;
  const minimumOut = expectedOut !== null ? minimumAfterSlippage(expectedOut, slippageBps) : null;

  const limit = isOrder && metaIn && metaOut ? parseLimitPrice(limitText, metaIn.decimals, metaOut.decimals) : ({ state: 'empty' } as const);
  const limitX64 = limit.state === 'ok' ? limit.priceX64 : null;
  const limitAboveExpected = limitX64 !== null && node !== null && amountIn !== null && !meetsLimit(amountIn, BigInt(node.amountOut), limitX64);

  const warnings =
    amountIn !== null && expectedOut !== null && metaIn && metaOut
      ? swapWarnings({
          amountIn,
          expectedOut,
          priceImpactBps,
          kind: isOrder ? 'order' : 'instant',
          belowMarketBps: isOrder && node && local ? shortfallBps(BigInt(node.amountOut), local.amountOut) : 0,
          slippageNote: slippage.ok ? slippage.note : null,
          limitAboveExpected,
          symbolIn: metaIn.symbol,
          symbolOut: metaOut.symbol,
        })
      : [];
  const blocking = warnings.find((w) => w.blocks);
  // a confirmation holds for exactly the trade it was given for
  const confirmKey = `${tokenIn}/${tokenOut}/${amountIn}/${duration}`;
  const needsConfirm = warnings.some((w) => w.needsConfirm);
  const confirmed = confirmedFor === confirmKey;

  const formError = same
    ? copy.swap.sameTokenButton
    : pair === null
      ? copy.button.selectTokens
      : noPool
        ? copy.button.noPool
        : !slippage.ok
          ? copy.swap.fixSlippage
          : limit.state === 'invalid'
            ? copy.swap.fixLimit
            : node === null
              ? copy.swap.quoteLoading
              : blocking
                ? blocking.title
                : needsConfirm && !confirmed
                  ? copy.swap.confirmFirst
                  : undefined;
  const action = primaryAction({ ...wallet, busy, amount, symbol: metaIn?.symbol ?? '', formError, submitLabel: isOrder ? copy.button.placeOrder : copy.button.swap });

  const submit = async () => {
    if (!tokenIn || !tokenOut || !metaIn || !metaOut || amount.state !== 'ok' || minimumOut === null) return;
    setBusy(true);
    const what = `${formatAmount(amount.value, metaIn.decimals)} ${metaIn.symbol}`;
    const stage = !isOrder
      ? await writers.addInput(`Swap ${what} for ${metaOut.symbol}`, 'swap', [tokenIn, tokenOut, amount.value, minimumOut, 0n, 0n])
      : limitX64 !== null
        ? await writers.addInput(`DCA ${what} into ${metaOut.symbol} over ${formatDuration(duration)}`, 'swapWithLimit', [tokenIn, tokenOut, amount.value, minimumOut, 0n, duration, limitX64])
        : await writers.addInput(`DCA ${what} into ${metaOut.symbol} over ${formatDuration(duration)}`, 'swap', [tokenIn, tokenOut, amount.value, minimumOut, 0n, duration]);
    setBusy(false);
    if (stage.stage === 'accepted') {
      setText('');
      setConfirmedFor(null);
    }
  };

  const spot = poolData && metaIn && metaOut ? priceScaled(BigInt(poolData.reserveA), BigInt(poolData.reserveB), metaIn.decimals, metaOut.decimals) : null;
  const unit = rateUnitFor(duration);
  const quoteShown = expectedOut !== null && metaIn && metaOut && amountIn !== null;

  return (
    <div className="card swap-card">
      <div className="swap-box">
        <div className="spread">
          <span className="field-label">{copy.swap.sell}</span>
          <span className="token-pick">
            {metaIn ? <TokenIcon address={metaIn.address} symbol={metaIn.symbol} /> : null}
            <TokenSelect tokens={tokens.tradable} value={tokenIn} onChange={setTokenIn} testId={testIds.swap.tokenIn} label={copy.swap.sell} />
          </span>
        </div>
        <AmountInput
          label={metaIn ? `${copy.streams.amount} (${metaIn.symbol})` : copy.streams.amount}
          value={text}
          onChange={setText}
          testId={testIds.swap.amount}
          error={amount.state === 'invalid' || amount.state === 'insufficient' ? amount.message : undefined}
          onMax={metaIn ? () => setText(toInputText(available, metaIn.decimals)) : undefined}
          hint={
            metaIn ? (
              <>
                {copy.portfolio.available}: <Amount value={available} decimals={metaIn.decimals} />
              </>
            ) : undefined
          }
        />
      </div>
      <div className="flip-row">
        <button
          type="button"
          className="ghost flip"
          aria-label="Flip tokens"
          data-testid={testIds.swap.flip}
          onClick={() => {
            setTokenIn(tokenOut);
            setTokenOut(tokenIn);
          }}
        >
          ⇅
        </button>
      </div>
      <div className="swap-box">
        <div className="spread">
          <span className="field-label">
            {copy.swap.receive}
            {quoteShown && !same ? <span className="hint">&nbsp;· {isOrder ? copy.swap.receiveExpected : copy.swap.receiveExact}</span> : null}
          </span>
          <span className="token-pick">
            {metaOut ? <TokenIcon address={metaOut.address} symbol={metaOut.symbol} /> : null}
            <TokenSelect tokens={tokens.tradable} value={tokenOut} onChange={setTokenOut} testId={testIds.swap.tokenOut} label={copy.swap.buy} />
          </span>
        </div>
        {same && metaIn ? (
          <p className="field-error" role="alert" data-testid={testIds.swap.sameToken}>
            {copy.swap.sameToken(metaIn.symbol)}
          </p>
        ) : (
          <>
            <output className="receive-amount" data-testid={testIds.swap.amountOut} data-value={expectedOut?.toString() ?? ''} data-source={node ? 'node' : local ? 'local' : 'none'} aria-live="polite">
              {quoteShown ? (
                <>
                  {isOrder ? '≈ ' : ''}
                  <Amount value={expectedOut!} decimals={metaOut!.decimals} symbol={metaOut!.symbol} />
                </>
              ) : (
                <span className="muted">0</span>
              )}
            </output>
            {quoteShown && minimumOut !== null ? (
              <span className="muted small">
                {copy.swap.receiveMinimum}{' '}
                <Amount value={minimumOut} decimals={metaOut!.decimals} symbol={metaOut!.symbol} /> ({formatBps(Number(slippageBps))} {copy.swap.slippage.toLowerCase()})
              </span>
            ) : null}
          </>
        )}
      </div>
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
      {isOrder && metaIn && metaOut && !same ? (
        <label className="field">
          <span className="field-label">
            {copy.swap.limitPrice}
            {node !== null && minimumOut !== null && amountIn !== null ? (
              <button type="button" className="chip" data-testid={testIds.swap.limitPriceUseCurrent} onClick={() => setLimitText(priceText(averagePriceOf(amountIn, minimumOut, metaIn.decimals, metaOut.decimals), metaOut.decimals))}>
                {copy.swap.limitPriceUseCurrent}
              </button>
            ) : null}
          </span>
          <input
            inputMode="decimal"
            autoComplete="off"
            placeholder={copy.order.none}
            value={limitText}
            onChange={(e) => setLimitText(e.target.value)}
            data-testid={testIds.swap.limitPrice}
            aria-invalid={limit.state === 'invalid'}
            aria-describedby="limit-price-hint"
          />
          {limit.state === 'invalid' ? <span className="field-error">{copy.swap.limitPriceInvalid[limit.reason]}</span> : null}
          <span className="muted small" id="limit-price-hint">
            {copy.swap.limitPriceHint(metaOut.symbol, metaIn.symbol)}
          </span>
        </label>
      ) : null}
      <SlippageSetting text={slippageText} onChange={setSlippageText} check={slippage} />
      {quoteShown && !same ? (
        <dl className="details" data-testid={testIds.swap.quote}>
          <dt>{copy.swap.rate}</dt>
          <dd>
            {spot !== null ? (
              <>
                1 {metaIn!.symbol} = <Amount value={spot} decimals={18} /> {metaOut!.symbol}
              </>
            ) : (
              '—'
            )}
          </dd>
          <dt>{isOrder ? copy.swap.priceImpactDca : copy.swap.priceImpact}</dt>
          <dd data-testid={testIds.swap.priceImpact}>{formatBps(priceImpactBps)}</dd>
          <dt>{isOrder ? copy.swap.minimumReceivedDca : copy.swap.minimumReceived}</dt>
          <dd data-testid={testIds.swap.minimum} data-value={minimumOut?.toString() ?? ''}>
            {minimumOut !== null ? <Amount value={minimumOut} decimals={metaOut!.decimals} symbol={metaOut!.symbol} /> : '—'}
          </dd>
          {isOrder && node && local ? (
            <>
              <dt className="small">{copy.swap.atCurrentPrice}</dt>
              <dd className="small muted" data-testid={testIds.swap.amountOutSpot} data-value={local.amountOut.toString()}>
                <Amount value={local.amountOut} decimals={metaOut!.decimals} symbol={metaOut!.symbol} />
              </dd>
            </>
          ) : null}
          {isOrder ? (
            <>
              <dt>{copy.swap.perUnit(unit.name)}</dt>
              <dd data-testid={testIds.swap.perUnit}>
                <Amount value={amountPerUnit(amountIn!, orderEnd - nowSeconds, unit)} decimals={metaIn!.decimals} symbol={metaIn!.symbol} />
              </dd>
              <dt>{copy.order.end}</dt>
              <dd data-testid={testIds.swap.orderEnd} title={copy.swap.endsOnMinute}>{formatDateTime(orderEnd)}</dd>
              {limitX64 !== null ? (
                <>
                  <dt>{copy.swap.limitShown}</dt>
                  <dd>
                    <Amount value={limitPriceScaled(limitX64, metaIn!.decimals, metaOut!.decimals)} decimals={18} /> {metaOut!.symbol}/{metaIn!.symbol}
                  </dd>
                </>
              ) : null}
            </>
          ) : null}
          <dt>{copy.swap.fee}</dt>
          <dd>{fee !== null ? <Amount value={fee} decimals={metaIn!.decimals} symbol={metaIn!.symbol} /> : '—'}</dd>
        </dl>
      ) : !same ? (
        <p className="muted small">{noPool ? copy.button.noPool : amountIn !== null && pair !== null ? copy.swap.quoteLoading : copy.swap.noQuote}</p>
      ) : null}
      {warnings.length > 0 ? (
        <div className="warnings" data-testid={testIds.swap.warning}>
          {warnings.map((w) => (
            <WarningBox key={w.id} warning={w} testId={testIds.swap.warningItem(w.id)} />
          ))}
        </div>
      ) : null}
      {needsConfirm ? (
        <label className="confirm-check">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmedFor(e.target.checked ? confirmKey : null)} data-testid={testIds.swap.confirmImpact} />
          <span>{copy.swap.confirmImpact}</span>
        </label>
      ) : null}
      <PrimaryButton action={action} onSubmit={() => void submit()} testId={testIds.swap.submit} />
    </div>
  );
}
