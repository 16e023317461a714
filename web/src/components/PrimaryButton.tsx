import { useSwitchChain } from 'wagmi';
import { localChain } from '../config/chain.js';
import { walletMenu } from '../hooks/walletMenu.js';
import type { PrimaryAction } from '../lib/primaryAction.js';

/** The one primary button of a form. Connect and switch are handled here; approve/submit call back. */
export function PrimaryButton({ action, onApprove, onSubmit, testId }: { action: PrimaryAction; onApprove?: () => void; onSubmit: () => void; testId: string }) {
  const switchChain = useSwitchChain();
  const onClick = () => {
    if (action.kind === 'connect') walletMenu.open();
    else if (action.kind === 'switch') switchChain.mutate({ chainId: localChain.id });
    else if (action.kind === 'approve') onApprove?.();
    else if (action.kind === 'submit') onSubmit();
  };
  return (
    <button type="button" className="primary" disabled={action.disabled} onClick={onClick} data-testid={testId} data-kind={action.kind}>
      {action.label}
    </button>
  );
}
