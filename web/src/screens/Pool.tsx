import { lpTokenAddress, type PoolView } from '@streamswap/protocol';
import { lazy, Suspense, useState } from 'react';
import type { Address } from 'viem';
import { AmountInput } from '../components/AmountInput.js';
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
  const view = pool.isError ? undefined : pool.data;

  return (
    <section className="screen">
      <h1>{copy.pool.title}</h1>
      <div className="card">
        <div className="spread">
          <h2>{copy.pool.pools}</h2>
          <div className="row">
            <TokenSelect tokens={tokens.tradable} value={tokenA} onChange={setTokenA} testId={testIds.pool.tokenA} label="Token A" />
            <span className="muted">/</span>
            <TokenSelect tokens={tokens.tradable} value={tokenB} onChange={setTokenB} testId={testIds.pool.tokenB} label="Token B" />
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
                {tokens.meta(first).symbol}/{tokens.meta(second).symbol} · {formatAmount(reserveOf(first), tokens.meta(first).decimals, 2)} / {formatAmount(reserveOf(second), tokens.meta(second).decimals, 2)}
              </button>
            );
          })}
        </div>
      </div>
      {tokenA && tokenB && tokenA !== tokenB ? (
        <>
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
      <AmountInput label={metaA.symbol} value={textA} onChange={setTextA} testId={testIds.pool.amountA} error={amountA.state === 'invalid' || amountA.state === 'insufficient' ? amountA.message : undefined} onMax={() => setTextA(toInputText(availA, metaA.decimals))} hint={`${copy.portfolio.available}: ${formatAmount(availA, metaA.decimals)}`} />
      <AmountInput label={metaB.symbol} value={textB} onChange={setTextBFirst} readOnly={!first} testId={testIds.pool.amountB} error={amountB.state === 'invalid' || amountB.state === 'insufficient' ? amountB.message : undefined} hint={`${copy.portfolio.available}: ${formatAmount(availB, metaB.decimals)}`} />
      {minted > 0n ? (
        <dl className="details">
          <dt>{copy.pool.lpTokens}</dt>
          <dd>{formatAmount(minted, lpDecimals(metaA.decimals, metaB.decimals))}</dd>
          <dt>{copy.pool.share}</dt>
          <dd data-testid={testIds.pool.share}>{formatBps(shareBps(minted, totalSupply + minted + (first ? 1000n : 0n)))}</dd>
        </dl>
      ) : null}
      <PrimaryButton action={action} onSubmit={() => void submit()} testId={testIds.pool.addSubmit} />
    </div>
  );
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
  const out = removeAmounts(lp, BigInt(pool.reserveA), BigInt(pool.reserveB), BigInt(pool.totalSupply));
  return (
    <div className="card" data-testid={testIds.pool.position}>
      <h2>{copy.pool.position}</h2>
      <div className="stats">
        <div className="stat">
          <span className="muted small">{copy.pool.lpTokens}</span>
          <span className="value num">{formatAmount(lp, lpDecimals(metaA.decimals, metaB.decimals))}</span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.pool.share}</span>
          <span className="value num">{formatBps(shareBps(lp, BigInt(pool.totalSupply)))}</span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.pool.pooled(metaA.symbol)}</span>
          <span className="value num">{formatAmount(out.amountA, metaA.decimals)}</span>
        </div>
        <div className="stat">
          <span className="muted small">{copy.pool.pooled(metaB.symbol)}</span>
          <span className="value num">{formatAmount(out.amountB, metaB.decimals)}</span>
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
  const [percent, setPercent] = useState(50);
  const [busy, setBusy] = useState(false);
  const metaA = tokens.meta(tokenA);
  const metaB = tokens.meta(tokenB);
  const liquidity = percentOf(lp, percent);
  const out = pool ? removeAmounts(liquidity, BigInt(pool.reserveA), BigInt(pool.reserveB), BigInt(pool.totalSupply)) : { amountA: 0n, amountB: 0n };
  const action = primaryAction({
    ...wallet,
    busy,
    amount: liquidity > 0n ? { state: 'ok', value: liquidity } : { state: 'empty' },
    symbol: 'LP',
    formError: lp === 0n ? copy.button.noPosition : undefined,
    submitLabel: copy.button.removeLiquidity,
  });
  const submit = async () => {
    setBusy(true);
    await writers.addInput(`Remove ${percent}% of ${metaA.symbol}/${metaB.symbol} liquidity`, 'removeLiquidity', [tokenA, tokenB, liquidity, withSlippage(out.amountA, DEFAULT_SLIPPAGE_BPS), withSlippage(out.amountB, DEFAULT_SLIPPAGE_BPS)]);
    setBusy(false);
  };
  return (
    <div className="card">
      <h2>{copy.pool.remove}</h2>
      <div className="spread">
        <span className="value num" style={{ fontSize: '1.6rem', fontWeight: 600 }}>
          {percent}%
        </span>
        <div className="chips">
          {REMOVE_CHIPS.map((p) => (
            <button key={p} type="button" className={percent === p ? 'chip active' : 'chip'} data-testid={testIds.pool.removeChip(p === 100 ? 'max' : p)} onClick={() => setPercent(p)}>
              {p === 100 ? copy.button.max : `${p}%`}
            </button>
          ))}
        </div>
      </div>
      <input type="range" min={1} max={100} value={percent} onChange={(e) => setPercent(Number(e.target.value))} data-testid={testIds.pool.removePercent} aria-label="Share of your liquidity to remove" />
      <dl className="details">
        <dt>{metaA.symbol}</dt>
        <dd>{formatAmount(out.amountA, metaA.decimals)}</dd>
        <dt>{metaB.symbol}</dt>
        <dd>{formatAmount(out.amountB, metaB.decimals)}</dd>
      </dl>
      <PrimaryButton action={action} onSubmit={() => void submit()} testId={testIds.pool.removeSubmit} />
    </div>
  );
}
