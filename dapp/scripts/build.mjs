// Production build of the back-end: one ES module bundle, dist/main.mjs, of the same entry host mode runs
// (src/main.ts). Everything is bundled (viem, zod, @streamswap/protocol) except the SQLite bindings, which
// stay external: better-sqlite3 is a native addon compiled for the target machine, node-sqlite3-wasm loads
// its .wasm file next to its own module. So the Cartesi machine image ships dist/ plus those two packages,
// which dist/package.json lists at the versions of package-lock.json.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { productionLock } from './productionLock.mjs';

const dapp = fileURLToPath(new URL('..', import.meta.url));
const SQLITE_BINDINGS = ['better-sqlite3', 'node-sqlite3-wasm'];

const result = await build({
  absWorkingDir: dapp,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.mjs',
  bundle: true,
  format: 'esm',
  platform: 'node',
  // The oldest Node the back-end meets: Debian trixie's 20.19 and the Cartesi node:20 images.
  target: 'node20',
  external: SQLITE_BINDINGS,
  // Bundled CommonJS code may call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __ssRequire } from 'node:module'; const require = __ssRequire(import.meta.url);" },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
// dist/package.json: what `npm ci --omit=dev` in dist/ needs, at the versions installed here, and dist/package-lock.json:
// those packages and everything they depend on, with the versions and integrity hashes of the repository's lockfile.
const require = createRequire(new URL('../package.json', import.meta.url));
const dependencies = Object.fromEntries(SQLITE_BINDINGS.map((name) => [name, require(`${name}/package.json`).version]));
const manifest = { name: 'streamswap-backend', private: true, type: 'module', main: 'main.mjs', dependencies };
writeFileSync(new URL('../dist/package.json', import.meta.url), `${JSON.stringify(manifest, null, 2)}\n`);
const rootLock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'));
writeFileSync(new URL('../dist/package-lock.json', import.meta.url), `${JSON.stringify(productionLock(rootLock, manifest), null, 2)}\n`);
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`dapp/dist/main.mjs: ${(bytes / 1024).toFixed(0)} KiB (external: ${SQLITE_BINDINGS.join(', ')})`);
