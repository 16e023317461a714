import type { Warning } from '../lib/warning.js';

export interface ToastContent extends Warning {
  /** the raw text behind the words (the app's own sentence), one click away */
  details?: string | undefined;
  /** a pending step: stays until updated with its outcome */
  pending?: boolean | undefined;
}

export interface Toast extends ToastContent {
  id: number;
}

/** Outcomes stay long enough to read; errors longer because they need reading; pending ones until they end. */
const INFO_MS = 8_000;
const ERROR_MS = 15_000;
/** Toasts shown at once: older ones give way. */
const MAX_TOASTS = 4;

let toasts: Toast[] = [];
let next = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

function schedule(t: Toast): void {
  clearTimeout(timers.get(t.id));
  timers.delete(t.id);
  if (t.pending) return;
  timers.set(
    t.id,
    setTimeout(() => toastStore.dismiss(t.id), t.severity === 'error' ? ERROR_MS : INFO_MS),
  );
}

export const toastStore = {
  all: () => toasts,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  dismiss(id: number) {
    clearTimeout(timers.get(id));
    timers.delete(id);
    toasts = toasts.filter((t) => t.id !== id);
    emit();
  },
  /** Replaces a toast's content in place (a pending step turning into its outcome); re-shows it if it was dismissed. */
  update(id: number, content: ToastContent) {
    const t: Toast = { ...content, id };
    toasts = toasts.some((x) => x.id === id) ? toasts.map((x) => (x.id === id ? t : x)) : [...toasts.slice(-(MAX_TOASTS - 1)), t];
    schedule(t);
    emit();
  },
};

/** Shows a message and returns its id (to update it later). */
export function toast(content: ToastContent): number {
  const t: Toast = { ...content, id: next++ };
  toasts = [...toasts.slice(-(MAX_TOASTS - 1)), t];
  schedule(t);
  emit();
  return t.id;
}
