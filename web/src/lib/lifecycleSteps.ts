import { copy } from './copy.js';
import type { InputStage } from './inputLifecycle.js';

export interface LifecycleStep {
  label: string;
  state: 'done' | 'current' | 'bad' | 'todo';
}

/** The five steps of an input as the Activity screen lists them, lit up to where the input is. */
export function lifecycleSteps(s: InputStage): LifecycleStep[] {
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
  return labels.map((label, i) => ({
    label,
    state: i < at ? 'done' : i === at ? (bad ? 'bad' : s.stage === 'accepted' ? 'done' : 'current') : 'todo',
  }));
}
