import { lpTokenAddress, type PoolView } from '@streamswap/protocol';
import { lazy, Suspense, useState } from 'react';
import type { Address } from 'viem';
import { Amount } from '../components/Amount.js';
import { AmountInput } from '../components/AmountInput.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { PoolHeadline } from '../components/PoolHeadline.js';
import { PairIcon, TokenIcon } from '../components/TokenIcon.js';
import { PrimaryButton } from '../components/PrimaryButton.js';
import { TokenSelect } from '../components/TokenSelect.js';
import { useBalances } from '../hooks/useBalances.js';
import { useChainNowMs } from '../hooks/useNow.js';
import { useTokens } from '../hooks/useTokens.js';
import { useWallet } from '../hooks/useWallet.js';
import { useWriters } from '../hooks/useWriters.js';
import { checkAmount } from '../lib/amountField.js';
import { copy } from '../lib/copy.js';
import { formatAmount, formatBps, toInputText } from '../lib/format.js';
import { lpDecimals, liquidityMinted, percentOf, quoteAmountB, removeAmounts, shareBps, withSlippage } from '../lib/liquidity.js';
import { primaryAction } from '../lib/primaryAction.js';
import { DEFAULT_SLIPPAGE_BPS } from '../lib/swapQuote.js';
import { testIds } from '../lib/testIds.js';
import { tickAt } from '../lib/ticking.js';
import { useInspect } from '../hooks/useInspect.js';
import { poolViewSchema } from '@streamswap/protocol';
import { positionValueInB } from '../lib/poolStats.js';
import '../swapPool.css';

// recharts is the heaviest dependency: it loads only when a pool's charts are on screen
const PoolCharts = lazy(() => import('./PoolCharts.js'));

export default function Pool() {
  const tokens = useTokens();
  // pairs read in the address book's token order (tCTSI/tUSD: "2.1 tUSD per tCTSI"), whatever the pool's sort order
  const rank = (a: Address) => {
    const i = tokens.tradable.findIndex((t) => t.address === a);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const ordered = (a: Address, b: Address): [Address, Address] => (rank(a) <= rank(b) ? [a, b] : [b, a]);
  const initial = tokens.pools[0] ? ordered(tokens.pools[0].tokenA, tokens.pools[0].tokenB) : [tokens.erc20[0]?.address, tokens.erc20[1]?.address];
  const [tokenA, setTokenA] = useState<Address | undefined>(initial[0]);
  const [tokenB, setTokenB] = useState<Address | undefined>(initial[1]);
  const pair = tokenA && tokenB && tokenA !== tokenB ? `pool/${tokenA}/${tokenB}` : null;
  const pool = useInspect(pair, poolViewSchema);
  // a previous pair's answer (kept while the next one loads) is not shown as this pair's
  const view = !pool.isError && pool.data && tokenA && tokenB && pool.data.tokenA.toLowerCase() === tokenA.toLowerCase() && pool.data.tokenB.toLowerCase() === tokenB.toLowerCase() ? pool.data : undefined;

  return (
    <section className="screen">
      <h1>{copy.pool.title}</h1>
      <div className="card">
        <div className="spread wrap">
          <h2>{copy.pool.pools}</h2>
          <div className="pool-select">
            <span className="token-pick">
              {tokenA ? <TokenIcon address={tokenA} symbol={tokens.meta(tokenA).symbol} /> : null}
              <TokenSelect tokens={tokens.tradable} value={tokenA} onChange={setTokenA} testId={testIds.pool.tokenA} label={copy.pool.tokenA} />
            </span>
            <span className="muted">/</span>
            <span className="token-pick">
              {tokenB ? <TokenIcon address={tokenB} symbol={tokens.meta(tokenB).symbol} /> : null}
              <TokenSelect tokens={tokens.tradable} value={tokenB} onChange={setTokenB} testId={testIds.pool.tokenB} label={copy.pool.tokenB} />
            </span>
          </div>
        </div>
        {tokens.pools.length === 0 ? <p className="muted">{copy.pool.noPools}</p> : null}
        <div className="chips">
          {tokens.pools.map((p) => {
            const lp = lpTokenAddress(p.tokenA, p.tokenB);
            const active = (p.tokenA === tokenA && p.tokenB === tokenB) || (p.tokenA === tokenB && p.tokenB === tokenA);
            // the chip names the pair the way the selectors do (the active pair in the selected order, others in book order)
            const [first, second] = active ? [tokenA!, tokenB!] : ordered(p.tokenA, p.tokenB);
            const reserveOf = (t: Address) => BigInt(t === p.tokenA ? p.reserveA : p.reserveB);
            return (
              <button
                key={lp}
                type="button"
                className={active ? 'chip active' : 'chip'}
                data-testid={testIds.pool.pair(lp)}
                onClick={() => {
                  const [a, b] = ordered(p.tokenA, p.tokenB);
                  setTokenA(a);
                  setTokenB(b);
                }}
              >
                <PairIcon a={tokens.meta(first)} b={tokens.meta(second)} size={16} /> {tokens.meta(first).symbol}/{tokens.meta(second).symbol} · {formatAmount(reserveOf(first), tokens.meta(first).decimals, 2)} / {formatAmount(reserveOf(second), tokens.meta(second).decimals, 2)}
              </button>
            );
          })}
        </div>
      </div>
      {tokenA && tokenB && tokenA !== tokenB ? (
        <>
          {view ? <PoolHeadline tokenA={tokenA} tokenB={tokenB} pool={view} lp={<PositionValue tokenA={tokenA} tokenB={tokenB} pool={view} />} /> : null}
          <div className="grid2">
            <AddLiquidity tokenA={tokenA} tokenB={tokenB} pool={view} />
            <div>
              <Position tokenA={tokenA} tokenB={tokenB} pool={view} />
              <RemoveLiquidity tokenA={tokenA} tokenB={tokenB} pool={view} />
            </div>
          </div>
          <Suspense fallback={<div className="card chart-box muted">…</div>}>
            <PoolCharts tokenA={tokenA} tokenB={tokenB} />
          </Suspense>
        </>
      ) : null}
    </section>
  );
}

function useLpBalance(tokenA: Address, tokenB: Address) {
  const wallet = useWallet();
  const { map } = useBalances(wallet.address);
  const now = useChainNowMs(false);
  const live = map.get(lpTokenAddress(tokenA, tokenB));
  return live ? (now !== undefined ? tickAt(live.available, now) : BigInt(live.view.available)) : 0n;
}

function AddLiquidity({ tokenA, tokenB, pool }: { tokenA: Address; tokenB: Address; pool: PoolView | undefined }) {
  const wallet = useWallet();
  const tokens = useTokens();
  const writers = useWriters();
  const { map } = useBalances(wallet.address);
  const now = useChainNowMs(false) ?? 0n;
  const [textA, setTextA] = useState('');
  const [textBFirst, setTextBFirst] = useState('');
  const [busy, setBusy] = useState(false);
  const metaA = tokens.meta(tokenA);
  const metaB = tokens.meta(tokenB);
  const availA = map.get(tokenA) ? tickAt(map.get(tokenA)!.available, now) : 0n;
  const availB = map.get(tokenB) ? tickAt(map.get(tokenB)!.available, now) : 0n;
  const reserveA = pool ? BigInt(pool.reserveA) : 0n;
  const reserveB = pool ? BigInt(pool.reserveB) : 0n;
  const totalSupply = pool ? BigInt(pool.totalSupply) : 0n;
  const first = reserveA === 0n || reserveB === 0n;
  const amountA = checkAmount(textA, metaA.decimals, wallet.connected ? availA : undefined);
  const derivedB = !first && amountA.state !== 'empty' && amountA.state !== 'invalid' ? quoteAmountB(amountA.value, reserveA, reserveB) : 0n;
  // the derived amount is exact in bigint; the read-only field only displays it
  const textB = first ? textBFirst : derivedB > 0n ? formatAmount(derivedB, metaB.decimals, 6) : '';
  const amountB = first
    ? checkAmount(textB, metaB.decimals, wallet.connected ? availB : undefined)
    : derivedB === 0n
      ? ({ state: 'empty' } as const)
      : wallet.connected && derivedB > availB
        ? ({ state: 'insufficient', value: derivedB, message: copy.amount.exceedsAvailable } as const)
        : ({ state: 'ok', value: derivedB } as const);
  const bError = amountB.state === 'insufficient' ? copy.button.insufficient(metaB.symbol) : amountB.state === 'invalid' ? amountB.message : amountB.state === 'empty' && first ? copy.button.enterAmount : undefined;
  const action = primaryAction({ ...wallet, busy, amount: amountA, symbol: metaA.symbol, formError: bError, submitLabel: copy.button.addLiquidity });
  const valueA = amountA.state === 'ok' ? amountA.value : 0n;
  const valueB = amountB.state === 'ok' ? amountB.value : 0n;
  const minted = valueA > 0n && valueB > 0n ? liquidityMinted(valueA, valueB, reserveA, reserveB, totalSupply) : 0n;

  const submit = async () => {
    if (valueA === 0n || valueB === 0n) return;
    setBusy(true);
    const stage = await writers.addInput(`Add ${formatAmount(valueA, metaA.decimals)} ${metaA.symbol} + ${formatAmount(valueB, metaB.decimals)} ${metaB.symbol}`, 'addLiquidity', [
      tokenA,
      tokenB,
      valueA,
      valueB,
      first ? valueA : withSlippage(valueA, DEFAULT_SLIPPAGE_BPS),
      first ? valueB : withSlippage(valueB, DEFAULT_SLIPPAGE_BPS),
    ]);
    setBusy(false);
    if (stage.stage === 'accepted') {
      setTextA('');
      setTextBFirst('');
    }
  };

  return (
    <div className="card">
      <h2>{copy.pool.add}</h2>
      {first ? (
        <div className="warning info" data-testid={testIds.pool.firstLp}>
          {copy.pool.firstLp}
        </div>
      ) : null}
      <AmountInput label={metaA.symbol} value={textA} onChange={setTextA} testId={testIds.pool.amountA} error={amountA.state === 'invalid' || amountA.state === 'insufficient' ? amountA.message : undefined} onMax={() => setTextA(toInputText(availA, metaA.decimals))} hint={<>{copy.portfolio.available}: <Amount value={availA} decimals={metaA.decimals} /></>} />
      <AmountInput label={metaB.symbol} value={textB} onChange={setTextBFirst} readOnly={!first} testId={testIds.pool.amountB} error={amountB.state === 'invalid' || amountB.state === 'insufficient' ? amountB.message : undefined} hint={<>{copy.portfolio.available}: <Amount value={availB} decimals={metaB.decimals} /></>} />
      {minted > 0n ? (
        <dl className="details">
          <dt>{copy.pool.lpTokens}</dt>
          <dd>
            <Amount value={minted} decimals={lpDecimals(metaA.decimals, metaB.decimals)} />
          </dd>
          <dt>{copy.pool.share}</dt>
          <dd data-testid={testIds.pool.share}>{formatBps(shareBps(minted, totalSupply + minted + (first ? 1000n : 0n)))}</dd>
        </dl>
      ) : null}
      <PrimaryButton action={action} onSubmit={() => void submit()} testId={testIds.pool.addSubmit} />
    </div>
  );
}

/** The user's position valued in the quote token (B): what its LP tokens withdraw, A at the pool's price. */
function PositionValue({ tokenA, tokenB, pool }: { tokenA: Address; tokenB: Address; pool: PoolView }) {
  const tokens = useTokens();
  const wallet = useWallet();
  const lp = useLpBalance(tokenA, tokenB);
  const metaB = tokens.meta(tokenB);
  if (!wallet.connected) return <span className="muted">—</span>;
  const out = removeAmounts(lp, BigInt(pool.reserveA), BigInt(pool.reserveB), BigInt(pool.totalSupply));
  return <Amount value={positionValueInB(out.amountA, out.amountB, BigInt(pool.reserveA), BigInt(pool.reserveB))} decimals={metaB.decimals} symbol={metaB.symbol} testId={testIds.pool.headPosition} />;
}

function Position({ tokenA, tokenB, pool }: { tokenA: Address; tokenB: Address; pool: PoolView | undefined }) {
  const tokens = useTokens();
  const lp = useLpBalance(tokenA, tokenB);
  const metaA = tokens.meta(tokenA);
  const metaB = tokens.meta(tokenB);
  if (!pool || lp === 0n) {
    return (
      <div className="card" data-testid={testIds.pool.position}>
        <h2>{copy.pool.position}</h2>
        <p className="muted">{copy.pool.noPosition}</p>
      </div>
    );
  }
  const reserveA = BigInt(pool.reserveA);
  const reserveB = BigInt(pool.reserveB);
  const out = removeAmounts(lp, reserveA, reserveB, BigInt(pool.totalSupply));
  return (
    <div className="card" data-testid={testIds.pool.position}>
      <h2>{copy.pool.position}</h2>
      <div className="stats">
        <div className="stat">
          <span className="muted small">{copy.pool.positionValue(metaB.symbol)}</span>
          <span className="value">
            <Amount value={positionValueInB(out.amountA, out.amountB, reserveA, reserveB)} decimals={metaB.decimals} symbol={metaB.symbol} testId={testIds.pool.positionValue} />
          </span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.pool.share}</span>
          <span className="value num">{formatBps(shareBps(lp, BigInt(pool.totalSupply)))}</span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.pool.pooled(metaA.symbol)}</span>
          <span className="value">
            <Amount value={out.amountA} decimals={metaA.decimals} />
          </span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.pool.pooled(metaB.symbol)}</span>
          <span className="value">
            <Amount value={out.amountB} decimals={metaB.decimals} />
          </span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.pool.lpTokens}</span>
          <span className="value">
            <Amount value={lp} decimals={lpDecimals(metaA.decimals, metaB.decimals)} />
          </span>
        </div>
      </div>
    </div>
  );
}

const REMOVE_CHIPS = [25, 50, 75, 100] as const;

function RemoveLiquidity({ tokenA, tokenB, pool }: { tokenA: Address; tokenB: Address; pool: PoolView | undefined }) {
  const wallet = useWallet();
  const tokens = useTokens();
  const writers = useWriters();
  const lp = useLpBalance(tokenA, tokenB);
  // starts at nothing: removal is a choice the user makes, never a default
  const [percent, setPercent] = useState(0);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const metaA = tokens.meta(tokenA);
  const metaB = tokens.meta(tokenB);
  const pairName = `${metaA.symbol}/${metaB.symbol}`;
  const liquidity = percentOf(lp, percent);
  const out = pool ? removeAmounts(liquidity, BigInt(pool.reserveA), BigInt(pool.reserveB), BigInt(pool.totalSupply)) : { amountA: 0n, amountB: 0n };
  const minA = withSlippage(out.amountA, DEFAULT_SLIPPAGE_BPS);
  const minB = withSlippage(out.amountB, DEFAULT_SLIPPAGE_BPS);
  const action = primaryAction({
    ...wallet,
    busy,
    amount: { state: 'ok', value: liquidity },
    symbol: 'LP',
    formError: lp === 0n ? copy.button.noPosition : liquidity === 0n ? copy.pool.removeChoose : undefined,
    submitLabel: copy.button.removeLiquidity,
  });
  const submit = async () => {
    setBusy(true);
    const stage = await writers.addInput(`Remove ${percent}% of ${pairName} liquidity`, 'removeLiquidity', [tokenA, tokenB, liquidity, minA, minB]);
    setBusy(false);
    if (stage.stage === 'accepted') setPercent(0);
  };
  const lpDec = lpDecimals(metaA.decimals, metaB.decimals);
  return (
    <div className="card">
      <h2>{copy.pool.remove}</h2>
      <div className="spread wrap">
        <span className="remove-percent num" aria-hidden="true">
          {percent}%
        </span>
        <div className="chips">
          {REMOVE_CHIPS.map((p) => (
            <button key={p} type="button" className={percent === p ? 'chip active' : 'chip'} aria-pressed={percent === p} disabled={lp === 0n} data-testid={testIds.pool.removeChip(p === 100 ? 'max' : p)} onClick={() => setPercent(p)}>
              {p === 100 ? copy.button.max : `${p}%`}
            </button>
          ))}
        </div>
      </div>
      <input type="range" min={0} max={100} value={percent} disabled={lp === 0n} onChange={(e) => setPercent(Number(e.target.value))} data-testid={testIds.pool.removePercent} aria-label={copy.pool.removeSlider} aria-valuetext={`${percent}%`} />
      <dl className="details" data-testid={testIds.pool.removeAmounts}>
        <dt>
          <TokenIcon address={tokenA} symbol={metaA.symbol} size={16} /> {metaA.symbol}
        </dt>
        <dd>
          <Amount value={out.amountA} decimals={metaA.decimals} />
        </dd>
        <dt>
          <TokenIcon address={tokenB} symbol={metaB.symbol} size={16} /> {metaB.symbol}
        </dt>
        <dd>
          <Amount value={out.amountB} decimals={metaB.decimals} />
        </dd>
      </dl>
      <PrimaryButton action={action} onSubmit={() => setAsking(true)} testId={testIds.pool.removeSubmit} />
      <ConfirmDialog
        open={asking}
        title={copy.pool.removeTitle(percent, pairName)}
        confirmLabel={copy.pool.removeConfirm}
        keepLabel={copy.pool.removeKeep}
        testId={testIds.pool.removeDialog}
        onClose={() => setAsking(false)}
        onConfirm={() => void submit()}
      >
        <p className="muted">{copy.pool.removeBody}</p>
        <dl className="details">
          <dt>{copy.pool.removeGet(metaA.symbol)}</dt>
          <dd>
            <Amount value={out.amountA} decimals={metaA.decimals} symbol={metaA.symbol} />
            <br />
            <span className="muted small">
              {copy.pool.removeMin} <Amount value={minA} decimals={metaA.decimals} />
            </span>
          </dd>
          <dt>{copy.pool.removeGet(metaB.symbol)}</dt>
          <dd>
            <Amount value={out.amountB} decimals={metaB.decimals} symbol={metaB.symbol} />
            <br />
            <span className="muted small">
              {copy.pool.removeMin} <Amount value={minB} decimals={metaB.decimals} />
            </span>
          </dd>
          <dt>{copy.pool.removeBurn}</dt>
          <dd>
            <Amount value={liquidity} decimals={lpDec} />
          </dd>
        </dl>
      </ConfirmDialog>
    </div>
  );
}
