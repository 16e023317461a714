import { getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { recordHistory, recordedRpc } from '../bench/recording.js';
import { startReader } from '../src/startReader.js';

const application = getAddress('0x75537828f2ce51be7289709686a69cbfdbb714f1');

describe('catching up on a recorded history', () => {
  it('reaches the back-end digest, and reads during the catch-up only ever see whole committed transactions', async () => {
    const recording = recordHistory(1_000, application);
    expect(recording.inputs.filter((i) => i.status === 'REJECTED').length).toBeGreaterThan(100);
    const reader = await startReader({ rpc: recordedRpc(recording), application, pollMs: 5, chunkSize: 100 });
    try {
      const seen = new Set<string>();
      while (reader.replica.cursor().nextInput < 1_000n) {
        const res = await fetch(`${reader.url}/inspect/status`);
        const index = res.headers.get('x-processed-input-index')!;
        const status = (await res.json()) as { lastInputIndex: number | null };
        seen.add(index);
        // Transactions of 100 inputs: a read sees the state before the first or after a whole transaction, never between.
        expect(Number(index) === -1 || (Number(index) + 1) % 100 === 0).toBe(true);
        expect(status.lastInputIndex ?? -1).toBeLessThanOrEqual(Number(index));
      }
      await reader.caughtUp();
      expect(seen.size).toBeGreaterThan(1);
      expect(((await (await fetch(`${reader.url}/inspect/digest`)).json()) as { digest: string }).digest).toBe(recording.digest);
    } finally {
      await reader.stop();
    }
  });
});
