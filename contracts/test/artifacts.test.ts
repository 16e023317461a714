import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as abis from '../src/abis.js';
import { CARTESI_ABI_ARTIFACTS, readCartesiArtifact } from '../src/compile/cartesiArtifacts.js';
import { compileTestToken } from '../src/compile/compileTestToken.js';
import { renderCartesiAbis, renderTestTokenAbi, renderTestTokenBytecode } from '../src/compile/render.js';

const generated = (name: string) => readFileSync(new URL(`../src/generated/${name}`, import.meta.url), 'utf8');

describe('committed artifacts', () => {
  it('match a fresh solc-js 0.8.30 compilation of TestToken.sol (run `npm run build -w contracts` if this fails)', () => {
    const compiled = compileTestToken();
    expect(compiled.solcVersion).toMatch(/^0\.8\.30\+/);
    expect(generated('testTokenAbi.ts')).toBe(renderTestTokenAbi(compiled));
    expect(generated('testTokenBytecode.ts')).toBe(renderTestTokenBytecode(compiled));
  });

  it('export the Cartesi ABIs exactly as published in @cartesi/rollups 2.2.0', () => {
    expect(generated('cartesiAbis.ts')).toBe(renderCartesiAbis());
    for (const [name, artifact] of Object.entries(CARTESI_ABI_ARTIFACTS)) {
      expect((abis as Record<string, unknown>)[`${name}Abi`], artifact).toEqual(readCartesiArtifact(artifact).abi);
    }
  });

  it('keep the browser entry free of node imports', () => {
    const files = ['../src/abis.ts', '../src/generated/testTokenAbi.ts', '../src/generated/cartesiAbis.ts'];
    for (const file of files) {
      const text = readFileSync(new URL(file, import.meta.url), 'utf8');
      expect(text, file).not.toMatch(/from ['"]node:|require\(/);
    }
  });
});
