import { useEffect, useRef, useSyncExternalStore } from 'react';
import { toastStore } from '../hooks/toastStore.js';
import { copy } from '../lib/copy.js';
import { testIds } from '../lib/testIds.js';

/**
 * Toasts at the bottom, wrapping inside the viewport. Their height is published as --toast-space so
 * the page can scroll its last controls above them: a toast never hides something for good.
 */
export function Toasts() {
  const toasts = useSyncExternalStore(toastStore.subscribe, toastStore.all);
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = region.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => document.documentElement.style.setProperty('--toast-space', `${Math.ceil(el.getBoundingClientRect().height)}px`));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div className="toasts" ref={region} aria-live="polite" data-testid={testIds.toasts}>
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.severity}${t.pending ? ' pending' : ''}`} data-testid={testIds.toast} data-severity={t.severity} data-pending={t.pending ? 'true' : undefined} role={t.severity === 'error' ? 'alert' : 'status'}>
          <div className="toast-head">
            <strong>{t.pending ? <span className="spinner" aria-hidden /> : null}{t.title}</strong>
            <button type="button" className="toast-close" aria-label={copy.toast.dismiss(t.title)} onClick={() => toastStore.dismiss(t.id)}>
              ×
            </button>
          </div>
          <span>{t.message}</span>
          {t.details ? (
            <details className="small muted">
              <summary>{copy.toast.details}</summary>
              <span className="mono">{t.details}</span>
            </details>
          ) : null}
        </div>
      ))}
    </div>
  );
}
