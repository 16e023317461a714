// Bundles the back-end for the machine's app drive: the same entry host mode runs (dapp/src/main.ts), with
// the same esbuild settings as dapp/scripts/build.mjs. The drive carries one SQLite binding, the WebAssembly
// node-sqlite3-wasm (platform-independent: no riscv64 compile); the native better-sqlite3 import is replaced
// by a stub that says so if anything asks for it (openDatabase only loads it when STREAMSWAP_SQLITE=better).
//
// Usage: node scripts/machine/bundle-app.mjs <source root> <out dir>   → <out>/main.mjs, <out>/node_modules/node-sqlite3-wasm
// (the source root is the repository, or the snapshot of its HEAD that test:machine makes)
import { build } from 'esbuild';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const [repo, out] = process.argv.slice(2);
if (!repo || !out) throw new Error('usage: node scripts/machine/bundle-app.mjs <source root> <out dir>');
mkdirSync(out, { recursive: true });
const stub = join(out, '.better-sqlite3-stub.mjs');
writeFileSync(
  stub,
  "export default function Database() { throw new Error('better-sqlite3 is not on this app drive: run with STREAMSWAP_SQLITE=wasm'); }\n",
);
await build({
  absWorkingDir: join(repo, 'dapp'),
  entryPoints: ['src/main.ts'],
  outfile: join(out, 'main.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['node-sqlite3-wasm'],
  alias: { 'better-sqlite3': stub },
  banner: { js: "import { createRequire as __ssRequire } from 'node:module'; const require = __ssRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
const require = createRequire(join(repo, 'dapp/package.json'));
const wasmPkg = dirname(require.resolve('node-sqlite3-wasm/package.json'));
cpSync(wasmPkg, join(out, 'node_modules/node-sqlite3-wasm'), { recursive: true });
console.log(`bundled the back-end into ${out}/main.mjs with node-sqlite3-wasm ${require('node-sqlite3-wasm/package.json').version}`);
