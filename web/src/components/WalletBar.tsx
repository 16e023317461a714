import { useId } from 'react';
import { useConnect, useConnectors, useDisconnect, useSwitchChain } from 'wagmi';
import { localChain } from '../config/chain.js';
import { DEV_CONNECTOR_TYPE } from '../config/devConnector.js';
import { useWallet } from '../hooks/useWallet.js';
import { Dialog } from './Dialog.js';
import { useWalletMenuOpen, walletMenu } from '../hooks/walletMenu.js';
import { copy } from '../lib/copy.js';
import { shortAddress } from '../lib/format.js';
import { testIds } from '../lib/testIds.js';

export function WalletBar() {
  const wallet = useWallet();
  const open = useWalletMenuOpen();
  const titleId = useId();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const switchChain = useSwitchChain();
  const injected = connectors.filter((c) => c.type !== DEV_CONNECTOR_TYPE && c.type !== 'mock');
  const dev = connectors.filter((c) => c.type === DEV_CONNECTOR_TYPE);

  return (
    <div className="wallet">
      {wallet.connected ? (
        <>
          {wallet.wrongChain ? (
            <span className="wrong-network" data-testid={testIds.wallet.wrongNetwork}>
              {copy.wallet.wrongNetwork(localChain.name)}
              <button type="button" className="secondary" data-testid={testIds.wallet.switchNetwork} onClick={() => switchChain.mutate({ chainId: localChain.id })}>
                {copy.wallet.switchTo(localChain.name)}
              </button>
            </span>
          ) : null}
          <span className="address" data-testid={testIds.wallet.address} title={wallet.address}>
            {shortAddress(wallet.address!)}
          </span>
          <button type="button" className="ghost" data-testid={testIds.wallet.disconnect} onClick={() => disconnect.mutate()}>
            {copy.wallet.disconnect}
          </button>
        </>
      ) : (
        <button type="button" className="secondary" data-testid={testIds.wallet.connect} aria-haspopup="dialog" onClick={() => (open ? walletMenu.close() : walletMenu.open())}>
          {copy.wallet.connect}
        </button>
      )}
      <Dialog open={open && !wallet.connected} onClose={walletMenu.close} labelledBy={titleId} className="wallet-menu" testId={testIds.wallet.dialog}>
        <div className="spread">
          <h2 id={titleId}>{copy.wallet.connectTitle}</h2>
          <button type="button" className="toast-close" aria-label={copy.wallet.close} onClick={walletMenu.close}>
            ×
          </button>
        </div>
        {injected.length === 0 ? <p className="muted">{copy.wallet.noInjected}</p> : null}
        {injected.map((c) => (
          <button type="button" key={c.uid} className="wallet-option" data-testid={testIds.wallet.injected(c.id)} onClick={() => connect.mutate({ connector: c, chainId: localChain.id }, { onSuccess: walletMenu.close })}>
            {c.icon ? <img src={c.icon} alt="" width={20} height={20} /> : null}
            {c.name}
          </button>
        ))}
        {dev.length > 0 ? (
          <>
            <p className="muted small">{copy.wallet.devHint}</p>
            <div className="dev-accounts">
              {dev.map((c, i) => (
                <button type="button" key={c.uid} className={i === 0 ? 'wallet-option main' : 'wallet-option'} data-testid={testIds.wallet.devAccount(i)} onClick={() => connect.mutate({ connector: c }, { onSuccess: walletMenu.close })}>
                  {c.name}
                </button>
              ))}
            </div>
          </>
        ) : null}
      </Dialog>
    </div>
  );
}
