import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeFunctionData, stringToHex, type Hex } from 'viem';
import { evmAdvanceAbi } from '../src/chain/abis.js';
import { RollupEngine } from '../src/rollup/RollupEngine.js';
import { NodeStore } from '../src/store/NodeStore.js';

const APP = '0x2d57b10a38cb7db6f1956d0081eee4a4eb09e1c3';
const SENDER = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';

describe('inputs the back-end answered INTERNAL_ERROR', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('are logged loudly with their index and kept in internalErrorInputs; business rejections are not', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devnode-internal-'));
    dirs.push(dir);
    const store = new NodeStore(path.join(dir, 'node.sqlite'));
    const engine = new RollupEngine(store, { finishTimeoutMs: 50 });
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
    for (const idx of [0, 1]) {
      const payload: Hex = '0x01';
      const rawData = encodeFunctionData({
        abi: evmAdvanceAbi,
        functionName: 'EvmAdvance',
        args: [31337n, APP, SENDER, 10n, 1_700_000_000n, 7n, BigInt(idx), payload],
      });
      store.addInputs(
        [{ idx, epochIndex: 0, blockNumber: 10, blockTimestamp: 1_700_000_000, chainId: 31337, appContract: APP, msgSender: SENDER, prevRandao: `0x${'0'.repeat(63)}7`, payload, rawData, txHash: `0x${'ab'.repeat(32)}`, logIndex: idx }],
        4,
      );
    }
    const report = (code: string) => stringToHex(JSON.stringify({ error: { code, message: `${code} happened` } }));
    expect((await engine.finish('accept', () => {}))?.request_type).toBe('advance_state');
    engine.addReport(report('INSUFFICIENT_AVAILABLE'));
    await engine.finish('reject', () => {});
    engine.addReport(report('INTERNAL_ERROR'));
    await engine.finish('reject', () => {});
    expect(engine.internalErrorInputs).toEqual([1]);
    expect(logged).toEqual([expect.stringMatching(/^\[devnode\] !!! INTERNAL_ERROR at input 1: .*INTERNAL_ERROR happened/)]);
    engine.shutdown();
    store.db.close();
  });
});
