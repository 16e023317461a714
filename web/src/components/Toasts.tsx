import { useSyncExternalStore } from 'react';
import { toastStore } from '../hooks/toastStore.js';
import { testIds } from '../lib/testIds.js';

export function Toasts() {
  const toasts = useSyncExternalStore(toastStore.subscribe, toastStore.all);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.severity}`} data-testid={testIds.toast} onClick={() => toastStore.dismiss(t.id)}>
          <strong>{t.title}</strong>
          <span>{t.message}</span>
        </div>
      ))}
    </div>
  );
}
