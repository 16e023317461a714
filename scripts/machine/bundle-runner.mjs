// Bundles, from a source root (the repository or test:machine's snapshot of its HEAD), what runs on the host:
// the corpus runner (scripts/machine/run-corpus.ts) and the back-end as host mode runs it (dapp/src/main.ts,
// the SQLite bindings external: the native better-sqlite3 from node_modules by default). Both land in
// <source root>/.machine-host/, so the bindings resolve from <source root>/node_modules.
//
// Usage: node scripts/machine/bundle-runner.mjs <source root>
import { build } from 'esbuild';
import { join } from 'node:path';

const repo = process.argv[2];
if (!repo) throw new Error('usage: node scripts/machine/bundle-runner.mjs <source root>');
const common = {
  absWorkingDir: repo,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'node-sqlite3-wasm'],
  banner: { js: "import { createRequire as __ssRequire } from 'node:module'; const require = __ssRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
};
await build({ ...common, entryPoints: ['scripts/machine/run-corpus.ts'], outfile: join(repo, '.machine-host/run-corpus.mjs') });
await build({ ...common, entryPoints: ['dapp/src/main.ts'], outfile: join(repo, '.machine-host/host-main.mjs') });
