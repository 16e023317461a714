import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Address, Hex } from 'viem';

const require = createRequire(import.meta.url);

/** The runtime code a v2.2.0 contract must have, from the @cartesi/rollups Foundry artifact. */
export interface ExpectedRuntime {
  /** `deployedBytecode.object` of the artifact (immutables are zero there). */
  code: Hex;
  /** Byte ranges the constructor fills with immutables (addresses it was given, InputBox's deployment block). */
  immutables: { start: number; length: number }[];
}

const cache = new Map<string, ExpectedRuntime>();

export function expectedRuntime(artifact: string): ExpectedRuntime {
  let found = cache.get(artifact);
  if (!found) {
    const path = require.resolve(`@cartesi/rollups/out/${artifact}.sol/${artifact}.json`);
    const json = JSON.parse(readFileSync(path, 'utf8')) as {
      deployedBytecode: { object: Hex; immutableReferences?: Record<string, { start: number; length: number }[]> };
    };
    found = {
      code: json.deployedBytecode.object,
      immutables: Object.values(json.deployedBytecode.immutableReferences ?? {}).flat(),
    };
    cache.set(artifact, found);
  }
  return found;
}

/**
 * Whether `code` (what `eth_getCode` returned) is the artifact's runtime code. The bytes of immutables are not
 * compared: they hold chain-specific values (InputBox stores its deployment block number), and a CREATE2 address
 * already commits to the creation code and constructor arguments, so every other byte pins the contract.
 */
export function isExpectedRuntime(artifact: string, code: Hex): boolean {
  const expected = expectedRuntime(artifact);
  const want = Buffer.from(expected.code.slice(2), 'hex');
  const got = Buffer.from(code.slice(2), 'hex');
  if (want.length !== got.length) return false;
  for (const { start, length } of expected.immutables) got.copy(want, start, start, start + length);
  return want.equals(got);
}

/** Thrown when a canonical v2.2.0 address holds code that is not the contract the deployment expects there. */
export class CanonicalAddressTaken extends Error {
  constructor(
    readonly contract: string,
    readonly address: Address,
    readonly codeBytes: number,
  ) {
    super(
      `Refusing to deploy: the canonical Cartesi Rollups v2.2.0 address of ${contract}, ${address}, holds other code ` +
        `(${codeBytes} bytes that are not ${contract}'s runtime code from @cartesi/rollups 2.2.0). ` +
        'This chain cannot host the canonical contracts; nothing was sent.',
    );
    this.name = 'CanonicalAddressTaken';
  }
}
