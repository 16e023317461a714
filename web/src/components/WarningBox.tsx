import type { Warning } from '../lib/warning.js';

export function WarningBox({ warning, testId }: { warning: Warning; testId?: string }) {
  return (
    <div className={`warning ${warning.severity}`} role={warning.severity === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <strong>{warning.title}</strong>
      <span>{warning.message}</span>
    </div>
  );
}
