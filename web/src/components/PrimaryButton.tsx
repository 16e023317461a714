import { useSwitchChain } from 'wagmi';
import { localChain } from '../config/chain.js';
import { useWalletPromptOpen } from '../hooks/walletPrompt.js';
import { walletMenu } from '../hooks/walletMenu.js';
import { copy } from '../lib/copy.js';
import type { PrimaryAction } from '../lib/primaryAction.js';

/**
 * The one primary button of a form. Connect and switch are handled here; approve/submit call back.
 * While busy it says "Confirm in wallet…" only as long as a wallet prompt is open, then what it waits for.
 */
export function PrimaryButton({ action, onApprove, onSubmit, testId }: { action: PrimaryAction; onApprove?: () => void; onSubmit: () => void; testId: string }) {
  const switchChain = useSwitchChain();
  const walletOpen = useWalletPromptOpen();
  const onClick = () => {
    if (action.kind === 'connect') walletMenu.open();
    else if (action.kind === 'switch') switchChain.mutate({ chainId: localChain.id });
    else if (action.kind === 'approve') onApprove?.();
    else if (action.kind === 'submit') onSubmit();
  };
  const label = action.kind === 'busy' && action.label === copy.button.working && !walletOpen ? copy.button.pending : action.label;
  return (
    <button type="button" className="primary" disabled={action.disabled} onClick={onClick} data-testid={testId} data-kind={action.kind} aria-busy={action.kind === 'busy' || undefined}>
      {label}
    </button>
  );
}
