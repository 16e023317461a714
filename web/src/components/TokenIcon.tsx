import { tokenIconSvg } from '../lib/tokenIcon.js';

/**
 * A generated token icon (coloured initials as an SVG data URL: nothing is fetched). Decorative
 * (alt=""): the symbol is always written beside it, and the icon adds no text to its container.
 */
export function TokenIcon({ address, symbol, size = 24 }: { address: string; symbol: string; size?: number }) {
  return <img className="token-icon" src={tokenIconSvg(address, symbol)} alt="" width={size} height={size} data-token-icon={symbol} />;
}

/** Two overlapping icons for a pair or an LP token. */
export function PairIcon({ a, b, size = 24 }: { a: { address: string; symbol: string }; b: { address: string; symbol: string }; size?: number }) {
  return (
    <span className="pair-icon" aria-hidden="true">
      <TokenIcon address={a.address} symbol={a.symbol} size={size} />
      <TokenIcon address={b.address} symbol={b.symbol} size={size} />
    </span>
  );
}
