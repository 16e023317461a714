import { useId, type ReactNode } from 'react';
import { Dialog } from './Dialog.js';

/** A destructive action's confirmation: says what the user gets back, and asks before doing it. */
export function ConfirmDialog(props: { open: boolean; title: string; children: ReactNode; confirmLabel: string; keepLabel: string; onConfirm: () => void | Promise<unknown>; onClose: () => void; testId?: string }) {
  const titleId = useId();
  return (
    <Dialog open={props.open} onClose={props.onClose} labelledBy={titleId} testId={props.testId}>
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={props.onClose} autoFocus data-testid={props.testId ? `${props.testId}-keep` : undefined}>
          {props.keepLabel}
        </button>
        <button
          type="button"
          className="danger"
          data-testid={props.testId ? `${props.testId}-confirm` : undefined}
          onClick={() => {
            props.onClose();
            void props.onConfirm();
          }}
        >
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
