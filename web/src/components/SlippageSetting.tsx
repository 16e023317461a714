import { useId } from 'react';
import { copy } from '../lib/copy.js';
import { formatBps } from '../lib/format.js';
import { SLIPPAGE_PRESETS_BPS, type SlippageCheck } from '../lib/slippage.js';
import { testIds } from '../lib/testIds.js';

/** Slippage tolerance: presets and a custom percentage, folded under its current value (native <details>: keyboard and screen reader for free). */
export function SlippageSetting({ text, onChange, check }: { text: string; onChange: (t: string) => void; check: SlippageCheck }) {
  const inputId = useId();
  const errorId = useId();
  const presetText = (bps: bigint) => formatBps(bps).replace(/\.?0+%$/, '').replace(/%$/, '');
  return (
    <details className="settings">
      <summary data-testid={testIds.swap.slippageToggle}>
        {copy.swap.slippage}: <strong>{check.ok ? formatBps(Number(check.bps)) : '—'}</strong>
      </summary>
      <div className="settings-body">
        <p className="muted small">{copy.swap.slippageHint}</p>
        <div className="row">
          <div className="chips" role="group" aria-label={copy.swap.slippage}>
            {SLIPPAGE_PRESETS_BPS.map((bps) => (
              <button key={bps.toString()} type="button" className={check.ok && check.bps === bps ? 'chip active' : 'chip'} aria-pressed={check.ok && check.bps === bps} data-testid={testIds.swap.slippagePreset(bps.toString())} onClick={() => onChange(presetText(bps))}>
                {formatBps(bps)}
              </button>
            ))}
          </div>
          <span className="slippage-custom">
            <input
              id={inputId}
              inputMode="decimal"
              autoComplete="off"
              value={text}
              onChange={(e) => onChange(e.target.value)}
              aria-label={copy.swap.slippageCustom}
              aria-invalid={!check.ok}
              aria-describedby={check.ok ? undefined : errorId}
              data-testid={testIds.swap.slippageCustom}
            />
            <span aria-hidden="true">%</span>
          </span>
        </div>
        {!check.ok ? (
          <span className="field-error" id={errorId} data-testid={testIds.swap.slippageError}>
            {copy.swap.slippageInvalid[check.reason]}
          </span>
        ) : null}
      </div>
    </details>
  );
}
