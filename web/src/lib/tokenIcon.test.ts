import { describe, expect, it } from 'vitest';
import { ICON_PALETTE, tokenIcon, tokenIconSvg, tokenInitials } from './tokenIcon.js';

describe('tokenIcon', () => {
  it('names the asset without the test prefix', () => {
    expect(tokenInitials('tCTSI')).toBe('CT');
    expect(tokenInitials('tUSD')).toBe('US');
    expect(tokenInitials('ETH')).toBe('ET');
    expect(tokenInitials('x')).toBe('X');
  });
  it('gives a token the same colour everywhere, and the app tokens different colours', () => {
    expect(tokenIcon('0x01', 'tCTSI')).toEqual(tokenIcon('0x02', 'tCTSI'));
    const colours = ['tCTSI', 'tUSD', 'ETH'].map((s) => tokenIcon('0x01', s).background);
    expect(new Set(colours).size).toBe(3);
    for (const c of colours) expect(ICON_PALETTE).toContain(c);
  });
});

describe('tokenIconSvg', () => {
  it('is a self-contained SVG data URL with the initials and nothing from the symbol that could break out of it', () => {
    const url = tokenIconSvg('0x01', 't<CT>"SI');
    expect(url.startsWith('data:image/svg+xml,')).toBe(true);
    const svg = decodeURIComponent(url.slice('data:image/svg+xml,'.length));
    expect(svg).toMatch(/^<svg [^>]*>.*<\/svg>$/);
    expect(svg).not.toContain('"SI');
    expect(decodeURIComponent(tokenIconSvg('0x01', 'tUSD'))).toContain('>US</text>');
  });
});
