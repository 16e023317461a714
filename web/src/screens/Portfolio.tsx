import { useState } from 'react';
import type { Address } from 'viem';
import { AmountInput } from '../components/AmountInput.js';
import { PrimaryButton } from '../components/PrimaryButton.js';
import { Ticking } from '../components/Ticking.js';
import { TokenSelect } from '../components/TokenSelect.js';
import { useBalances } from '../hooks/useBalances.js';
import { useBook } from '../hooks/BookContext.js';
import { useL1Tokens } from '../hooks/useL1Tokens.js';
import { useChainNowMs } from '../hooks/useNow.js';
import { useTokens } from '../hooks/useTokens.js';
import { useWallet } from '../hooks/useWallet.js';
import { useWriters } from '../hooks/useWriters.js';
import { checkAmount } from '../lib/amountField.js';
import { copy } from '../lib/copy.js';
import { formatAmount, toInputText } from '../lib/format.js';
import { primaryAction } from '../lib/primaryAction.js';
import { testIds } from '../lib/testIds.js';
import { tickAt } from '../lib/ticking.js';

/** Left in the wallet by the deposit form's Max for Ether: enough for a few local transactions' gas. */
const ETH_GAS_RESERVE = 10n ** 16n;

export function Portfolio() {
  const book = useBook();
  const wallet = useWallet();
  const tokens = useTokens();
  const l1 = useL1Tokens(wallet.address);
  const { map } = useBalances(wallet.address);
  const writers = useWriters();

  // every book token and Ether, plus whatever else the account holds in the app (LP tokens)
  const rows = [...tokens.tradable.map((t) => t.address), ...[...map.keys()].filter((a) => !tokens.tradable.some((t) => t.address === a))] as Address[];

  return (
    <section className="screen">
      <h1>{copy.portfolio.title}</h1>
      <div className="card">
        <table className="table">
          <thead>
            <tr>
              <th>{copy.portfolio.token}</th>
              <th className="right">{copy.portfolio.wallet}</th>
              <th className="right">{copy.portfolio.balance}</th>
              <th className="right">{copy.portfolio.available}</th>
              <th className="right">{copy.portfolio.locked}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((address) => {
              const meta = tokens.meta(address);
              const live = map.get(address);
              const onL1 = l1.byToken.get(address);
              return (
                <tr key={address} data-testid={testIds.portfolio.row(meta.symbol)}>
                  <td>
                    <strong>{meta.symbol}</strong> <span className="muted small">{meta.name}</span>
                  </td>
                  <td className="right num" data-testid={testIds.portfolio.wallet(meta.symbol)}>
                    {meta.kind !== 'lp' ? (onL1 ? formatAmount(onL1.balance, meta.decimals) : '—') : copy.portfolio.inAppOnly}
                  </td>
                  <td className="right">{live ? <Ticking linear={live.balance} decimals={meta.decimals} testId={testIds.portfolio.balance(meta.symbol)} /> : <span className="num" data-testid={testIds.portfolio.balance(meta.symbol)}>0</span>}</td>
                  <td className="right">{live ? <Ticking linear={live.available} decimals={meta.decimals} testId={testIds.portfolio.available(meta.symbol)} /> : <span className="num" data-testid={testIds.portfolio.available(meta.symbol)}>0</span>}</td>
                  <td className="right num muted">{live ? formatAmount(BigInt(live.view.locked), meta.decimals) : '0'}</td>
                  <td className="right">
                    {meta.kind === 'erc20' && wallet.connected && !wallet.wrongChain ? (
                      <button type="button" className="ghost small" data-testid={testIds.portfolio.mint(meta.symbol)} onClick={() => void writers.mint(copy.portfolio.mint(meta.symbol), address, wallet.address!, meta.decimals)}>
                        {copy.portfolio.mint(meta.symbol)}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {!wallet.connected ? <p className="muted">{copy.button.connect} to see your balances.</p> : null}
      </div>
      <div className="grid2">
        <DepositCard l1={l1} />
        <WithdrawCard balances={map} />
      </div>
      <p className="muted small">
        {book.applicationName} · {book.application}
      </p>
    </section>
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
    const label = `Deposit ${formatAmount(value, meta.decimals)} ${meta.symbol}`;
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
        hint={onL1 && meta ? `${copy.portfolio.wallet}: ${formatAmount(onL1.balance, meta.decimals)}` : undefined}
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
    const stage = await writers.addInput(`Withdraw ${formatAmount(amount.value, meta.decimals)} ${meta.symbol}`, 'withdraw', [token, amount.value]);
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
        hint={meta ? `${copy.portfolio.available}: ${formatAmount(available, meta.decimals)}` : undefined}
      />
      <PrimaryButton action={action} onSubmit={() => void submit()} testId={testIds.portfolio.withdrawSubmit} />
    </div>
  );
}
