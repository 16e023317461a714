/**
 * Initial JavaScript of the production build: the entry script plus every chunk index.html preloads,
 * gzipped (what a first visit downloads before the app can render). Run after `npm run build`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
let raw = 0;
let gz = 0;
for (const file of new Set(files)) {
  const bytes = readFileSync(path.join(dist, file));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
  console.log(`${file.padEnd(48)} ${(bytes.length / 1024).toFixed(1).padStart(8)} kB  gzip ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1).padStart(7)} kB`);
}
console.log(`initial JS: ${(raw / 1024).toFixed(1)} kB, gzip ${(gz / 1024).toFixed(1)} kB (limit 350 kB)`);
