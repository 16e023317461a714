import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, http } from 'viem';
import { deployStack, startAnvil } from '../src/index.js';

describe('startAnvil', () => {
  it('starts two chains on distinct free ports with chain id 31337 and stops them for good', async () => {
    const [a, b] = await Promise.all([startAnvil({ port: 0 }), startAnvil()]);
    try {
      expect(a.port).not.toBe(b.port);
      expect(a.rpcUrl).toBe(`http://127.0.0.1:${a.port}`);
      const client = createPublicClient({ transport: http(a.rpcUrl, { retryCount: 0 }) });
      expect(await client.getChainId()).toBe(31337);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    await a.stop(); // a second stop is harmless
    const dead = createPublicClient({ transport: http(a.rpcUrl, { retryCount: 0 }) });
    await expect(dead.getChainId()).rejects.toThrow();
  });

  it('mines on a timer when given a block time', async () => {
    const node = await startAnvil({ blockTime: 1, chainId: 1337 });
    try {
      const client = createPublicClient({ transport: http(node.rpcUrl) });
      expect(await client.getChainId()).toBe(1337);
      const first = await client.getBlockNumber({ cacheTime: 0 });
      await new Promise((r) => setTimeout(r, 2_200));
      expect(await client.getBlockNumber({ cacheTime: 0 })).toBeGreaterThan(first);
    } finally {
      await node.stop();
    }
  });

  it('keeps the chain across a restart when given a state file, so a second deployStack finds everything in place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anvil-state-'));
    const statePath = join(dir, 'state.json');
    try {
      const first = await startAnvil({ statePath });
      const book = await deployStack({ rpcUrl: first.rpcUrl, epochLength: 3 });
      const height = await createPublicClient({ transport: http(first.rpcUrl) }).getBlockNumber();
      await first.stop();
      const second = await startAnvil({ statePath });
      try {
        const client = createPublicClient({ transport: http(second.rpcUrl) });
        expect(await client.getBlockNumber()).toBe(height);
        expect(await deployStack({ rpcUrl: second.rpcUrl, epochLength: 3 })).toEqual(book);
        expect(await client.getBlockNumber()).toBe(height);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a failure to start instead of hanging', async () => {
    await expect(startAnvil({ args: ['--no-such-flag'] })).rejects.toThrow(/exited with code/);
  });
});
