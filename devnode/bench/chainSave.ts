/**
 * npm run bench:chain-save -w devnode [-- --blocks 1000,5000,10000]
 * What one crash-safety save of the chain costs (anvil_dumpState + gzip file written atomically) as the chain grows.
 * Prints one JSON line per size: {"bench":"chain-save","blocks":N,"saveMs":[..3 runs..],"fileKB":K}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startDevStack } from '../src/index.js';
import { STATE_FILE } from '../src/chain/chainStateFile.js';

const { values } = parseArgs({ options: { blocks: { type: 'string' } } });
const sizes = (values.blocks ?? '1000,5000,10000').split(',').map(Number);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chain-save-'));
const stack = await startDevStack({ dataDir: dir, anvilPort: 0, rollupPort: 0, httpPort: 0, backend: 'none', idleMineMs: 0 });
try {
  const rpc = async (method: string, params: unknown[]): Promise<{ result: string }> =>
    (await fetch(stack.urls.chain, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })).json() as Promise<{ result: string }>;
  for (const blocks of sizes) {
    const head = Number(BigInt((await rpc('eth_blockNumber', [])).result));
    if (blocks > head) await rpc('anvil_mine', [`0x${(blocks - head).toString(16)}`]);
    const saveMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await stack.chainSaver!.save();
      saveMs.push(Math.round(performance.now() - t));
    }
    const fileKB = Math.round(fs.statSync(path.join(dir, STATE_FILE)).size / 1024);
    console.log(JSON.stringify({ bench: 'chain-save', blocks, saveMs, fileKB }));
  }
} finally {
  await stack.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
