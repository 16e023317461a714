/**
 * `npm run build -w contracts`: regenerates the committed TypeScript artifacts in src/generated/
 *   - testToken.ts: ABI and creation bytecode of src/sol/TestToken.sol, compiled with solc-js 0.8.30;
 *   - cartesiAbis.ts: the ABIs of the @cartesi/rollups 2.2.0 contracts others need, as `as const` literals.
 * test/artifacts.test.ts recompiles and fails if the committed files are stale.
 */
import { writeFileSync } from 'node:fs';
import { compileTestToken } from '../src/compile/compileTestToken.js';
import { renderCartesiAbis, renderTestTokenAbi, renderTestTokenBytecode } from '../src/compile/render.js';

const compiled = compileTestToken();
const files: [string, string][] = [
  ['../src/generated/testTokenAbi.ts', renderTestTokenAbi(compiled)],
  ['../src/generated/testTokenBytecode.ts', renderTestTokenBytecode(compiled)],
  ['../src/generated/cartesiAbis.ts', renderCartesiAbis()],
];
for (const [rel, text] of files) {
  const url = new URL(rel, import.meta.url);
  writeFileSync(url, text);
  console.log(`wrote ${url.pathname} (${text.length} chars)`);
}
