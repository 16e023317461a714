import { formatDateTime } from '../lib/format.js';
import { Amount } from './Amount.js';

export interface TooltipLine {
  name: string;
  value: bigint;
  decimals: number;
  symbol: string;
  color: string;
}

/**
 * Chart tooltips with the one amount formatter and symbols: recharts hands the hovered row, the row
 * carries the exact bigints, and `lines` picks which to show.
 */
export function ChartTooltip<Row extends { t: number }>({ active, payload, lines }: { active?: boolean; payload?: readonly { payload?: Row }[]; lines: (row: Row) => TooltipLine[] }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <strong>{formatDateTime(row.t)}</strong>
      {lines(row).map((l) => (
        <span key={l.name} style={{ color: l.color }}>
          {l.name}: <Amount value={l.value} decimals={l.decimals} symbol={l.symbol} />
        </span>
      ))}
    </div>
  );
}
