import { copy } from './copy.js';
import type { AmountCheck } from './amountField.js';

/**
 * The one primary button of a form: its label says what blocks the user, in the order a user has
 * to fix things. Pure, so every screen shows the same sequence.
 */
export type PrimaryAction =
  | { kind: 'connect'; label: string; disabled: false }
  | { kind: 'switch'; label: string; disabled: false }
  | { kind: 'blocked'; label: string; disabled: true }
  | { kind: 'busy'; label: string; disabled: true }
  | { kind: 'approve'; label: string; disabled: false }
  | { kind: 'submit'; label: string; disabled: false };

export interface PrimaryActionInput {
  connected: boolean;
  wrongChain: boolean;
  chainName: string;
  busy?: boolean;
  amount: AmountCheck;
  symbol: string;
  /** other form errors (receiver, duration...) block submission too */
  formError?: string | undefined;
  /** set when the action spends an ERC-20 allowance (deposits) */
  allowance?: bigint | undefined;
  submitLabel: string;
}

export function primaryAction(input: PrimaryActionInput): PrimaryAction {
  if (!input.connected) return { kind: 'connect', label: copy.button.connect, disabled: false };
  if (input.wrongChain) return { kind: 'switch', label: copy.button.switchTo(input.chainName), disabled: false };
  if (input.busy) return { kind: 'busy', label: copy.button.working, disabled: true };
  switch (input.amount.state) {
    case 'empty':
      return { kind: 'blocked', label: copy.button.enterAmount, disabled: true };
    case 'invalid':
      return { kind: 'blocked', label: copy.button.invalidAmount, disabled: true };
    case 'insufficient':
      return { kind: 'blocked', label: copy.button.insufficient(input.symbol), disabled: true };
    case 'ok':
      break;
  }
  // the label names the blocker itself: "You can't stream to yourself", "No pool for this pair yet"
  if (input.formError) return { kind: 'blocked', label: input.formError, disabled: true };
  if (input.allowance !== undefined && input.allowance < input.amount.value) {
    return { kind: 'approve', label: copy.button.approve(input.symbol), disabled: false };
  }
  return { kind: 'submit', label: input.submitLabel, disabled: false };
}
