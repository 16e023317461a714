import { useSyncExternalStore } from 'react';

/**
 * How many wallet prompts this app has open right now. "Confirm in wallet…" is shown only while
 * one is: once the wallet answers, buttons say what is pending instead.
 */
let open = 0;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export const walletPrompt = {
  /** Runs `ask` (which opens the wallet) and counts it as open until it settles. */
  async around<T>(ask: () => Promise<T>): Promise<T> {
    open++;
    emit();
    try {
      return await ask();
    } finally {
      open--;
      emit();
    }
  },
  isOpen: () => open > 0,
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

export function useWalletPromptOpen(): boolean {
  return useSyncExternalStore(walletPrompt.subscribe, walletPrompt.isOpen);
}
