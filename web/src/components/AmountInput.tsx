import { copy } from '../lib/copy.js';

/** A decimal text field: keeps what the user typed as text; parsing happens in lib/format. */
export function AmountInput(props: { value: string; onChange: (v: string) => void; testId: string; label: string; error?: string | undefined; onMax?: (() => void) | undefined; hint?: React.ReactNode; readOnly?: boolean }) {
  return (
    <label className="field">
      <span className="field-label">
        {props.label}
        {props.hint ? <span className="hint">{props.hint}</span> : null}
      </span>
      <span className="amount-row">
        <input
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.0"
          value={props.value}
          readOnly={props.readOnly}
          onChange={(e) => props.onChange(e.target.value.replace(/[^0-9.,]/g, ''))}
          data-testid={props.testId}
          aria-invalid={!!props.error}
        />
        {props.onMax ? (
          <button type="button" className="chip" onClick={props.onMax}>
            {copy.button.max}
          </button>
        ) : null}
      </span>
      {props.error ? <span className="field-error">{props.error}</span> : null}
    </label>
  );
}
