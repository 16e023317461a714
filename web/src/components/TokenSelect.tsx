import type { Address } from 'viem';
import type { TokenMeta } from '../hooks/useTokens.js';

export function TokenSelect({ tokens, value, onChange, testId, label }: { tokens: TokenMeta[]; value: Address | undefined; onChange: (a: Address) => void; testId: string; label: string }) {
  return (
    <select className="token-select" aria-label={label} data-testid={testId} value={value ?? ''} onChange={(e) => onChange(e.target.value as Address)}>
      {tokens.map((t) => (
        <option key={t.address} value={t.address}>
          {t.symbol}
        </option>
      ))}
    </select>
  );
}
