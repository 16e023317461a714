import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalChain, WEBSOCKET_EXPOSURE_WARNING } from '../src/chain/localChain.js';
import { TrustedOrigins } from '../src/entry/originPolicy.js';

const PATH = process.env.PATH;
afterEach(() => {
  process.env.PATH = PATH;
});

describe('startLocalChain where network namespaces are not permitted', () => {
  it('falls back to a plain anvil on the chain port and says once that its WebSocket is exposed', async () => {
    // An `unshare` that fails as it does where unprivileged user namespaces are restricted (Ubuntu 24.04's AppArmor).
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'streamswap-nounshare-'));
    fs.writeFileSync(path.join(bin, 'unshare'), '#!/bin/sh\necho "unshare: write failed /proc/self/uid_map: Operation not permitted" >&2\nexit 1\n', { mode: 0o755 });
    process.env.PATH = `${bin}:${PATH}`;
    const warnings: string[] = [];
    const logs: string[] = [];
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamswap-fallback-'));
    const chain = await startLocalChain({ port: 0, chainId: 31337, args: [], dataDir, trusted: new TrustedOrigins(), log: (m) => logs.push(m), warn: (m) => warnings.push(m) });
    try {
      expect(chain.isolated).toBe(false);
      expect(warnings).toEqual([WEBSOCKET_EXPOSURE_WARNING]);
      expect(WEBSOCKET_EXPOSURE_WARNING).toMatch(/WebSocket/);
      expect(logs.join('\n')).toContain('Operation not permitted');
      const res = await fetch(chain.rpcUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }) });
      expect(((await res.json()) as { result: string }).result).toBe('0x7a69');
    } finally {
      await chain.stop();
      fs.rmSync(bin, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
