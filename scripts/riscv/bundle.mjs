// Bundles, on the host, what `npm run test:riscv` runs inside the riscv64 root: the back-end's unit tests
// (every dapp *.test.ts except the packaging checks, which read the repository, not the back-end), the
// test runner and the benchmark. `vitest` is aliased to a small shim (vitest-shim.ts); the SQLite
// bindings stay external so they resolve to the packages installed (and compiled) inside the root.
//
// Usage: node scripts/riscv/bundle.mjs <out dir>   → <out>/scripts/riscv/{run-tests,bench,determinism}.mjs, <out>/dapp/**.test.mjs,
// <out>/tests.txt (one bundled test file a line, or `BUILD-FAILED <file>: <why>`)
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const out = process.argv[2];
if (!out) throw new Error('usage: node scripts/riscv/bundle.mjs <out dir>');

function testFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'packaging') found.push(...testFiles(path));
    } else if (name.endsWith('.test.ts')) {
      found.push(path);
    }
  }
  return found;
}

const allTests = [...testFiles(join(repo, 'dapp/src')), ...testFiles(join(repo, 'dapp/test'))];
const options = {
  absWorkingDir: repo,
  outdir: out,
  outbase: repo,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  alias: { vitest: join(repo, 'scripts/riscv/vitest-shim.ts') },
  external: ['better-sqlite3', 'node-sqlite3-wasm'],
  // Bundled CommonJS dependencies may call require(); give every ESM chunk one.
  banner: { js: "import { createRequire as __ssRequire } from 'node:module'; const require = __ssRequire(import.meta.url);" },
  logLevel: 'silent',
};

// A test file whose imports do not resolve yet (a module still being written) must not stop the others:
// find those, report them as failed, and bundle the rest together (shared chunks: one copy of the code).
const broken = new Map();
for (const entry of allTests) {
  try {
    await build({ ...options, entryPoints: [entry], write: false });
  } catch (error) {
    broken.set(entry, error.errors?.map((e) => `${e.location?.file ?? ''}:${e.location?.line ?? ''} ${e.text}`).join('; ') ?? String(error));
  }
}
const tests = allTests.filter((t) => !broken.has(t));
rmSync(out, { recursive: true, force: true });
await build({
  ...options,
  entryPoints: [join(repo, 'scripts/riscv/run-tests.ts'), ...tests],
  splitting: true,
  logLevel: 'warning',
});
// The benchmark on its own: it needs the Ledger and the Amm, which may not build yet.
let benchNote = 'the benchmark';
try {
  await build({ ...options, entryPoints: [join(repo, 'scripts/riscv/bench.ts')] });
} catch (error) {
  benchNote = `no benchmark (${error.errors?.[0]?.text ?? error})`;
}
// The determinism replay (corpus.ts + determinism.ts) on its own too.
let determinismNote = 'the determinism replay';
try {
  await build({ ...options, entryPoints: [join(repo, 'scripts/riscv/determinism.ts')] });
} catch (error) {
  determinismNote = `no determinism replay (${error.errors?.[0]?.text ?? error})`;
}
const lines = [
  ...tests.map((t) => relative(repo, t).replace(/\.ts$/, '.mjs')),
  ...[...broken].map(([t, why]) => `BUILD-FAILED ${relative(repo, t)}: ${why}`),
];
writeFileSync(join(out, 'tests.txt'), `${lines.join('\n')}\n`);
console.log(`bundled ${tests.length} test files (${broken.size} do not build), the runner, ${benchNote} and ${determinismNote} into ${out}`);
