/**
 * A token's generated icon: initials on a colour derived from its address. No image is fetched
 * from anywhere (the app runs against local chains whose tokens have no logo registry), and the
 * same token gets the same colour on every screen and every machine.
 */
export interface TokenIconSpec {
  initials: string;
  /** background, dark enough for white initials (contrast above 4.5:1) */
  background: string;
}

/** Test tokens carry a lowercase prefix ("tCTSI"): the icon names the asset, "CT", not "tC". */
export function tokenInitials(symbol: string): string {
  const bare = symbol.replace(/^[a-z]+(?=[A-Z0-9])/, '');
  return (bare || symbol).slice(0, 2).toUpperCase();
}

/** FNV-1a then a murmur3 finalizer: a stable index whose low bits differ for similar symbols. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const c of text.toLowerCase()) {
    h ^= c.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** Dark enough for white initials (contrast 5:1 to 8:1), far apart in hue so neighbours differ. */
export const ICON_PALETTE = ['#1d4ed8', '#047857', '#b91c1c', '#7e22ce', '#b45309', '#0e7490', '#be185d', '#4338ca'] as const;

/** Colour from the symbol, so a token looks the same on every chain and deployment. */
export function tokenIcon(_address: string, symbol: string): TokenIconSpec {
  return { initials: tokenInitials(symbol), background: ICON_PALETTE[hash(symbol) % ICON_PALETTE.length]! };
}

/** The icon as an SVG data URL (an <img> source that needs no request and adds no text to the page). */
export function tokenIconSvg(address: string, symbol: string): string {
  const { initials, background } = tokenIcon(address, symbol);
  const size = initials.length > 1 ? 12 : 15;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="${background}"/><text x="16" y="16" dy="0.35em" text-anchor="middle" font-size="${size}" font-weight="700" fill="#fff" font-family="system-ui, sans-serif">${initials.replace(/[^A-Z0-9]/g, '')}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
