import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal on the native <dialog>: focus moves into it and stays there (the page behind is inert),
 * Escape and a click outside close it, and focus goes back to what had it before.
 */
export function Dialog({ open, onClose, labelledBy, className, testId, children }: { open: boolean; onClose: () => void; labelledBy: string; className?: string; testId?: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      before?.focus();
    };
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={labelledBy}
      data-testid={testId}
      // Escape: the browser fires cancel; let React state close it so focus returns the same way
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      // a click on the backdrop lands on the <dialog> itself, outside its inner box
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
