import { useWallet } from '../hooks/useWallet.js';
import { useWithdrawals } from '../hooks/useWithdrawals.js';
import { copy } from '../lib/copy.js';
import { testIds } from '../lib/testIds.js';

/** On the Activity tab: how many withdrawal vouchers became executable (the user has something to do there). */
export function ReadyVouchersBadge() {
  const wallet = useWallet();
  const { vouchers } = useWithdrawals(wallet.connected ? wallet.address : undefined);
  const ready = vouchers.filter((v) => v.valid && !v.executed).length;
  if (ready === 0) return null;
  return (
    <span className="nav-badge" data-testid={testIds.activity.readyBadge} aria-label={copy.activity.readyBadge(ready)} title={copy.activity.readyBadge(ready)}>
      {ready}
    </span>
  );
}
