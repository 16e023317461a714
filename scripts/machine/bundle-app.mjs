// Bundles the back-end for the machine's app drive: the same entry host mode runs (dapp/src/main.ts), with
// the same esbuild settings as dapp/scripts/build.mjs. The drive always carries the WebAssembly node-sqlite3-wasm
// (platform-independent: no riscv64 compile). The native better-sqlite3 import is replaced:
// - STREAMSWAP_MACHINE_SQLITE=wasm: by a stub that says so if anything asks for it (openDatabase only
//   loads it when STREAMSWAP_SQLITE=better);
// - STREAMSWAP_MACHINE_SQLITE=native (default, as build-app.sh): by better-sqlite3's own JavaScript, bundled (so it is in the startup
//   snapshot too), whose addon (/app/better_sqlite3.node, build-sqlite-native.sh) is loaded with process.dlopen
//   when the first database opens: after the snapshot is deserialized, never inside it (a snapshot cannot hold a
//   native addon).
//
// Usage: node scripts/machine/bundle-app.mjs <source root> <out dir>   → <out>/main.mjs, <out>/snapshot-entry.cjs,
//   <out>/node_modules/node-sqlite3-wasm
// (the source root is the repository, or the snapshot of its HEAD that test:machine makes)
import { build } from 'esbuild';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const [repo, out] = process.argv.slice(2);
if (!repo || !out) throw new Error('usage: node scripts/machine/bundle-app.mjs <source root> <out dir>');
mkdirSync(out, { recursive: true });
const sqlite = process.env.STREAMSWAP_MACHINE_SQLITE || 'native';
if (sqlite !== 'wasm' && sqlite !== 'native') throw new Error(`STREAMSWAP_MACHINE_SQLITE must be wasm or native, got ${sqlite}`);
const stub = join(out, '.better-sqlite3-stub.mjs');
if (sqlite === 'wasm') {
  writeFileSync(
    stub,
    "export default function Database() { throw new Error('better-sqlite3 is not on this app drive: run with STREAMSWAP_SQLITE=wasm'); }\n",
  );
} else {
  // openBetterSqlite calls `new Database(path)`: the real class, given the addon as its nativeBinding option (so its
  // `bindings` lookup through the file system never runs). A constructor that returns an object gives that object.
  const lib = createRequire(join(repo, 'dapp/package.json')).resolve('better-sqlite3');
  writeFileSync(
    stub,
    [
      `import RealDatabase from ${JSON.stringify(lib)};`,
      'let addon;',
      'export default function Database(filename, options) {',
      "  if (addon === undefined) { const module = { exports: {} }; process.dlopen(module, '/app/better_sqlite3.node'); addon = module.exports; }",
      '  return new RealDatabase(filename, { ...options, nativeBinding: addon });',
      '}',
      '',
    ].join('\n'),
  );
}
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
// Built-in modules a V8 startup snapshot cannot hold or that Node 20 has not verified in one: node:http keeps
// native handles (its HTTP parser binding) and fails the snapshot; loading node:module makes Node print a warning
// that carries the pid into the heap (so the blob would differ from one build to the next). In the snapshot
// bundle their imports get stand-ins that load the real module on first use, when the machine boots
// (process.getBuiltinModule, Node >= 20.16). Only the names the back-end imports are forwarded.
const lazyBuiltins = {
  'node:http': ['Agent', 'request'],
  'node:module': ['createRequire'],
};
const lazyBuiltinsPlugin = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:(http|module)$/ }, (args) => ({ path: args.path, namespace: 'lazy-builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      loader: 'js',
      contents: [
        'let loaded;',
        `const load = () => (loaded ??= process.getBuiltinModule(${JSON.stringify(args.path)}));`,
        // a function that returns an object: `new Agent(options)` gives the real Agent's instance
        ...lazyBuiltins[args.path].map((name) => `export function ${name}(...args) { return new.target ? new (load().${name})(...args) : load().${name}(...args); }`),
      ].join('\n'),
    }));
  },
};
// The entry of the V8 startup snapshot (machine/app/snapshot-entry.ts): the same modules, as one CommonJS
// script (`node --build-snapshot` runs a script whose require() knows only the built-in modules). import.meta.url
// is where main.mjs sits on the drive, so the SQLite binding resolves from /app/node_modules as it does for
// main.mjs. build-app.sh turns it into snapshot.blob and removes it from the drive.
await build({
  absWorkingDir: join(repo, 'dapp'),
  entryPoints: [join(repo, 'machine/app/snapshot-entry.ts')],
  outfile: join(out, 'snapshot-entry.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['node-sqlite3-wasm'],
  alias: { 'better-sqlite3': stub },
  define: { 'import.meta.url': JSON.stringify('file:///app/main.mjs') },
  plugins: [lazyBuiltinsPlugin],
  legalComments: 'none',
  logLevel: 'warning',
});
const require = createRequire(join(repo, 'dapp/package.json'));
const wasmPkg = dirname(require.resolve('node-sqlite3-wasm/package.json'));
cpSync(wasmPkg, join(out, 'node_modules/node-sqlite3-wasm'), { recursive: true });
const native = sqlite === 'native' ? ` and better-sqlite3 ${require('better-sqlite3/package.json').version}'s JavaScript (its addon: /app/better_sqlite3.node)` : '';
console.log(`bundled the back-end into ${out}/main.mjs with node-sqlite3-wasm ${require('node-sqlite3-wasm/package.json').version}${native}`);
