import type { Warning } from '../lib/warning.js';

export interface Toast extends Warning {
  id: number;
}

let toasts: Toast[] = [];
let next = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export const toastStore = {
  all: () => toasts,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  dismiss(id: number) {
    toasts = toasts.filter((t) => t.id !== id);
    emit();
  },
};

/** Shows a short-lived message; errors stay longer because they need reading. */
export function toast(w: Warning): void {
  const id = next++;
  toasts = [...toasts.slice(-3), { ...w, id }];
  emit();
  setTimeout(() => toastStore.dismiss(id), w.severity === 'error' ? 12_000 : 5_000);
}
