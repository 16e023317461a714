import { copy } from './copy.js';
import type { InputStage } from './inputLifecycle.js';

export interface LifecycleStep {
  label: string;
  state: 'done' | 'current' | 'bad' | 'todo';
}

/**
 * The five steps of an input as the Activity screen lists them, lit up to where the input is. An input
 * sent from outside this app (known only to the node) never had a "Confirm in wallet" step here: it starts
 * at Submitted.
 */
export function lifecycleSteps(s: InputStage, options: { viaWallet?: boolean } = {}): LifecycleStep[] {
  const words = copy.activity.stage;
  const index = 'inputIndex' in s ? s.inputIndex : undefined;
  const reached: Record<InputStage['stage'], number> = { wallet: 0, rejectedByWallet: 0, submitted: 1, failed: 1, queued: 2, processing: 3, accepted: 4, rejected: 4, exception: 4 };
  const bad = s.stage === 'rejectedByWallet' || s.stage === 'failed' || s.stage === 'rejected' || s.stage === 'exception';
  const finalLabel = s.stage === 'rejected' ? words.rejected : s.stage === 'exception' ? words.exception : words.accepted;
  const labels = [
    s.stage === 'rejectedByWallet' ? words.rejectedByWallet : words.wallet,
    s.stage === 'failed' ? words.failed : words.submitted,
    index !== undefined ? words.queued(index) : words.queuedUnknown,
    words.processing,
    finalLabel,
  ];
  const at = reached[s.stage];
  const steps: LifecycleStep[] = labels.map((label, i) => ({
    label,
    state: i < at ? 'done' : i === at ? (bad ? 'bad' : s.stage === 'accepted' ? 'done' : 'current') : 'todo',
  }));
  return options.viaWallet === false ? steps.slice(1) : steps;
}
