import { useSyncExternalStore } from 'react';

let open = false;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Whether the connect menu is open: any "Connect wallet" button in the app opens the same menu. */
export const walletMenu = {
  open: () => {
    open = true;
    emit();
  },
  close: () => {
    open = false;
    emit();
  },
  subscribe: (l: () => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

export function useWalletMenuOpen(): boolean {
  return useSyncExternalStore(walletMenu.subscribe, () => open);
}
