import { useState } from 'react';
import type { Address } from 'viem';
import { Amount } from '../components/Amount.js';
import { AmountInput } from '../components/AmountInput.js';
import { ConnectPrompt } from '../components/ConnectPrompt.js';
import { PrimaryButton } from '../components/PrimaryButton.js';
import { TokenSelect } from '../components/TokenSelect.js';
import { useBalances, type LiveBalance } from '../hooks/useBalances.js';
import { useWithdrawals } from '../hooks/useWithdrawals.js';
import { useBook } from '../hooks/BookContext.js';
import { useL1Tokens } from '../hooks/useL1Tokens.js';
import { useChainNowMs } from '../hooks/useNow.js';
import { useTokens } from '../hooks/useTokens.js';
import { useWallet } from '../hooks/useWallet.js';
import { useWriters } from '../hooks/useWriters.js';
import { checkAmount } from '../lib/amountField.js';
import { copy } from '../lib/copy.js';
import { balanceRowFigures } from '../lib/balanceRow.js';
import { exactAmount, formatTokenAmount, tickingFractionDigits, toInputText } from '../lib/format.js';
import { primaryAction } from '../lib/primaryAction.js';
import { testIds } from '../lib/testIds.js';
import { ratePerSecond, tickAt } from '../lib/ticking.js';

/** Left in the wallet by the deposit form's Max for Ether: enough for a few local transactions' gas. */
const ETH_GAS_RESERVE = 10n ** 16n;

export function Portfolio() {
  const book = useBook();
  const wallet = useWallet();
  const tokens = useTokens();
  const l1 = useL1Tokens(wallet.address);
  const { map } = useBalances(wallet.address);

  // every book token and Ether, plus whatever else the account holds in the app (LP tokens)
  const rows = [...tokens.tradable.map((t) => t.address), ...[...map.keys()].filter((a) => !tokens.tradable.some((t) => t.address === a))] as Address[];

  return (
    <section className="screen">
      <h1>{copy.portfolio.title}</h1>
      <div className="card">
        {!wallet.connected ? (
          <ConnectPrompt text={copy.portfolio.connectPrompt} testId={testIds.portfolio.connectPrompt} />
        ) : (
          <table className="table balances">
            <caption className="sr-only">{copy.portfolio.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{copy.portfolio.token}</th>
                <th scope="col" className="right">
                  {copy.portfolio.wallet}
                </th>
                <th scope="col" className="right">
                  {copy.portfolio.balance}
                </th>
                <th scope="col" className="right">
                  {copy.portfolio.available}
                </th>
                <th scope="col" className="right">
                  {copy.portfolio.locked}
                </th>
                <th scope="col">
                  <span className="sr-only">{copy.portfolio.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((address) => (
                <BalanceRow key={address} address={address} live={map.get(address)} onL1={l1.byToken.get(address)} />
              ))}
            </tbody>
          </table>
        )}
      </div>
      {wallet.connected ? <PendingWithdrawals /> : null}
      <div className="grid2">
        <DepositCard l1={l1} />
        <WithdrawCard balances={map} />
      </div>
      <p className="muted small break">
        {book.applicationName} · {book.application}
      </p>
    </section>
  );
}

/**
 * One token's row: In app, Available and Locked from the same instant, so they add up on screen.
 * Under 640 px the row becomes a card (each cell labelled by its column).
 */
function BalanceRow({ address, live, onL1 }: { address: Address; live: LiveBalance | undefined; onL1: { balance: bigint } | undefined }) {
  const wallet = useWallet();
  const tokens = useTokens();
  const writers = useWriters();
  const meta = tokens.meta(address);
  const moving = !!live && (live.balance.rateX64 !== 0n || live.available.rateX64 !== 0n);
  const now = useChainNowMs(moving);
  const balance = live ? (now === undefined ? live.balance.value : tickAt(live.balance, now)) : 0n;
  const available = live ? (now === undefined ? live.available.value : tickAt(live.available, now)) : 0n;
  const fastest = live ? [live.balance.rateX64, live.available.rateX64].map((r) => (r < 0n ? -r : r)).reduce((x, y) => (x > y ? x : y)) : 0n;
  const f = balanceRowFigures(balance, available, meta.decimals, moving ? tickingFractionDigits(ratePerSecond(fastest) || 1n, meta.decimals) : undefined);
  // the text is cut to the row's digits; hover, copy and data-* carry the exact value
  const figure = (text: string, exact: bigint, testId: string | undefined, ticking: boolean) => (
    <span className={ticking ? 'num ticking' : 'num'} data-testid={testId} data-value={exactAmount(exact, meta.decimals)} data-base-units={exact.toString()} title={`${exactAmount(exact, meta.decimals)} ${meta.symbol}`}>
      {text}
    </span>
  );
  return (
    <tr data-testid={testIds.portfolio.row(meta.symbol)}>
      <th scope="row" className="token-cell">
        <strong>{meta.symbol}</strong> <span className="muted small">{meta.name}</span>
      </th>
      <td className="right" data-label={copy.portfolio.wallet} data-testid={testIds.portfolio.wallet(meta.symbol)}>
        {meta.kind !== 'lp' ? onL1 ? <Amount value={onL1.balance} decimals={meta.decimals} /> : '—' : <span className="muted small">{copy.portfolio.inAppOnly}</span>}
      </td>
      <td className="right" data-label={copy.portfolio.balance}>
        {figure(f.inApp, balance, testIds.portfolio.balance(meta.symbol), moving && live!.balance.rateX64 !== 0n)}
      </td>
      <td className="right" data-label={copy.portfolio.available}>
        {figure(f.available, available, testIds.portfolio.available(meta.symbol), moving && live!.available.rateX64 !== 0n)}
      </td>
      <td className="right muted" data-label={copy.portfolio.locked}>
        {figure(f.locked, balance - available, testIds.portfolio.locked(meta.symbol), false)}
      </td>
      <td className="right actions-cell">
        {meta.kind === 'erc20' && wallet.connected && !wallet.wrongChain ? (
          <button type="button" className="ghost small" data-testid={testIds.portfolio.mint(meta.symbol)} onClick={() => void writers.mint(copy.portfolio.mint(meta.symbol), address, wallet.address!, meta.decimals)}>
            {copy.portfolio.mint(meta.symbol)}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/** Withdrawals on their way to the wallet: requested in the app, their vouchers not executed yet. */
function PendingWithdrawals() {
  const wallet = useWallet();
  const tokens = useTokens();
  const { vouchers } = useWithdrawals(wallet.address);
  const pending = vouchers.filter((v) => !v.executed);
  if (pending.length === 0) return null;
  return (
    <div className="card" data-testid={testIds.portfolio.pendingWithdrawals}>
      <div className="spread wrap">
        <h2>{copy.portfolio.pendingTitle}</h2>
        <a href="#/activity" className="link small">
          {copy.portfolio.pendingLink}
        </a>
      </div>
      <ul className="plain-list">
        {pending.map((v) => {
          const meta = v.withdrawal.token ? tokens.meta(v.withdrawal.token) : tokens.ether;
          return (
            <li key={v.index.toString()} className="spread" data-testid={testIds.portfolio.pendingWithdrawal(v.index.toString())}>
              <span>
                <Amount value={v.withdrawal.amount} decimals={meta.decimals} symbol={meta.symbol} /> <span className="muted small">voucher #{v.index.toString()}</span>
              </span>
              <span className={`badge ${v.valid ? 'ready' : 'proofPending'}`}>{v.valid ? copy.activity.voucher.ready : copy.activity.voucher.proofPending}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function DepositCard({ l1 }: { l1: ReturnType<typeof useL1Tokens> }) {
  const wallet = useWallet();
  const tokens = useTokens();
  const writers = useWriters();
  const [token, setToken] = useState<Address | undefined>(tokens.erc20[0]?.address);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const meta = token ? tokens.meta(token) : undefined;
  const onL1 = token ? l1.byToken.get(token) : undefined;
  const isEther = meta?.kind === 'ether';
  // Max keeps some ETH in the wallet for gas
  const maxDeposit = onL1 ? (isEther ? (onL1.balance > ETH_GAS_RESERVE ? onL1.balance - ETH_GAS_RESERVE : 0n) : onL1.balance) : 0n;
  const amount = checkAmount(text, meta?.decimals ?? 18, onL1?.balance, copy.amount.exceedsWallet);
  const action = primaryAction({
    ...wallet,
    busy,
    amount,
    symbol: meta?.symbol ?? '',
    allowance: isEther ? undefined : (onL1?.allowance ?? 0n),
    submitLabel: copy.button.deposit(meta?.symbol ?? ''),
  });
  const value = amount.state === 'ok' ? amount.value : 0n;

  const doDeposit = async () => {
    if (!token || !meta) return;
    setBusy(true);
    const label = `Deposit ${formatTokenAmount(value, meta.decimals, meta.symbol)}`;
    const stage = isEther ? await writers.depositEther(label, value) : await writers.deposit(label, token, value);
    setBusy(false);
    if (stage.stage === 'accepted') setText('');
  };
  // one guided flow: approving moves straight on to the deposit
  const doApprove = async () => {
    if (!token || !meta) return;
    setBusy(true);
    const approved = await writers.approve(`Approve ${meta.symbol}`, token, value);
    await l1.refetch();
    setBusy(false);
    if (approved.stage === 'accepted') await doDeposit();
  };

  return (
    <div className="card">
      <h2>{copy.portfolio.deposit}</h2>
      <p className="muted small">{copy.portfolio.depositHint}</p>
      <TokenSelect tokens={tokens.tradable} value={token} onChange={setToken} testId={testIds.portfolio.tokenSelect} label={copy.streams.token} />
      <AmountInput
        label={copy.streams.amount}
        value={text}
        onChange={setText}
        testId={testIds.portfolio.depositAmount}
        error={amount.state === 'invalid' ? amount.message : amount.state === 'insufficient' ? amount.message : undefined}
        onMax={onL1 && meta ? () => setText(toInputText(maxDeposit, meta.decimals)) : undefined}
        hint={onL1 && meta && wallet.connected ? <>{copy.portfolio.wallet}: <Amount value={onL1.balance} decimals={meta.decimals} symbol={meta.symbol} /></> : undefined}
      />
      {action.kind === 'approve' ? <p className="muted small">{copy.portfolio.step(1, 2, action.label)}</p> : null}
      <PrimaryButton action={action} onApprove={() => void doApprove()} onSubmit={() => void doDeposit()} testId={testIds.portfolio.depositSubmit} />
    </div>
  );
}

function WithdrawCard({ balances }: { balances: ReturnType<typeof useBalances>['map'] }) {
  const wallet = useWallet();
  const tokens = useTokens();
  const writers = useWriters();
  const [token, setToken] = useState<Address | undefined>(tokens.erc20[0]?.address);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const now = useChainNowMs(false);
  const meta = token ? tokens.meta(token) : undefined;
  const live = token ? balances.get(token) : undefined;
  const available = live ? (now !== undefined ? tickAt(live.available, now) : BigInt(live.view.available)) : 0n;
  const amount = checkAmount(text, meta?.decimals ?? 18, available);
  const action = primaryAction({ ...wallet, busy, amount, symbol: meta?.symbol ?? '', submitLabel: copy.button.withdraw(meta?.symbol ?? '') });

  const submit = async () => {
    if (!token || !meta || amount.state !== 'ok') return;
    setBusy(true);
    const stage = await writers.addInput(`Withdraw ${formatTokenAmount(amount.value, meta.decimals, meta.symbol)}`, 'withdraw', [token, amount.value]);
    setBusy(false);
    if (stage.stage === 'accepted') setText('');
  };

  return (
    <div className="card">
      <h2>{copy.portfolio.withdraw}</h2>
      <p className="muted small">{copy.portfolio.withdrawHint}</p>
      <TokenSelect tokens={tokens.tradable} value={token} onChange={setToken} testId={testIds.portfolio.withdrawToken} label={copy.streams.token} />
      <AmountInput
        label={copy.streams.amount}
        value={text}
        onChange={setText}
        testId={testIds.portfolio.withdrawAmount}
        error={amount.state === 'invalid' || amount.state === 'insufficient' ? amount.message : undefined}
        onMax={meta ? () => setText(toInputText(available, meta.decimals)) : undefined}
        hint={meta && wallet.connected ? <>{copy.portfolio.available}: <Amount value={available} decimals={meta.decimals} symbol={meta.symbol} /></> : undefined}
      />
      <PrimaryButton action={action} onSubmit={() => void submit()} testId={testIds.portfolio.withdrawSubmit} />
    </div>
  );
}
