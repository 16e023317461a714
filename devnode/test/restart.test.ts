import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAnvil, type AnvilInstance } from '@streamswap/contracts';
import { deployLocal, type DevStack } from '../src/index.js';
import { inspectJson, sendInput, startEchoStack, until } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const processed = (stack: DevStack, idx: bigint) =>
  until(`input ${idx} processed`, () => {
    const s = stack.node.store.input(Number(idx))?.status;
    return s && s !== 'NONE' ? s : undefined;
  });

describe('restarts', { timeout: 120_000 }, () => {
  it('restarts a dead back-end with a fresh database and replays the log without applying any input twice', async () => {
    const stack = await startEchoStack();
    cleanups.push(() => stack.stop());
    await processed(stack, (await sendInput(stack, '0x01')).index);
    await processed(stack, (await sendInput(stack, '0xff')).index); // rejected: not replayed
    await processed(stack, (await sendInput(stack, '0x02')).index);
    const startsBefore = stack.backend!.starts;
    stack.backend!.kill('SIGKILL');
    const c = await sendInput(stack, '0x03');
    expect(await processed(stack, c.index)).toBe('ACCEPTED');
    expect(stack.backend!.starts).toBe(startsBefore + 1);
    expect((await inspectJson(stack, 'state')).accepted).toEqual([0, 2, 3]);
    expect(stack.node.engine.replayedInputs).toBeGreaterThanOrEqual(2);
    expect(stack.node.engine.replayMismatches).toBe(0);
    expect(stack.node.store.outputCount()).toBe(6);
  });

  it('gives up on an input that keeps crashing the back-end, records EXCEPTION and carries on', async () => {
    const stack = await startEchoStack();
    cleanups.push(() => stack.stop());
    await processed(stack, (await sendInput(stack, '0x01')).index);
    const crash = await sendInput(stack, '0xdd');
    expect(await processed(stack, crash.index)).toBe('EXCEPTION');
    const after = await sendInput(stack, '0x02');
    expect(await processed(stack, after.index)).toBe('ACCEPTED');
    expect((await inspectJson(stack, 'state')).accepted).toEqual([0, 2]);
    expect(stack.node.engine.replayMismatches).toBe(0);
  });

  it('restarts the whole node on the same chain without losing or re-applying an input', async () => {
    const anvil: AnvilInstance = await startAnvil({ port: 0 });
    cleanups.push(() => anvil.stop());
    const { addressBook } = await deployLocal(anvil.rpcUrl, { epochLength: 2 });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'devnode-restart-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const chain = { rpcUrl: anvil.rpcUrl, addressBook };
    const direct = { urls: { anvil: anvil.rpcUrl }, addressBook };

    const first = await startEchoStack({ chain, dataDir });
    await processed(first, (await sendInput(direct, '0x01')).index);
    await processed(first, (await sendInput(direct, '0x02')).index);
    await first.stop();

    // inputs arrive while the node is down
    const third = await sendInput(direct, '0x03');
    const second = await startEchoStack({ chain, dataDir });
    cleanups.push(() => second.stop());
    expect(await processed(second, third.index)).toBe('ACCEPTED');
    expect(second.node.store.inputCount()).toBe(3);
    expect((await inspectJson(second, 'state')).accepted).toEqual([0, 1, 2]);
    expect(second.node.engine.replayedInputs).toBe(2);
    expect(second.node.engine.replayMismatches).toBe(0);
    const outputs = second.node.store.db.prepare('SELECT idx, input_index FROM outputs ORDER BY idx').all();
    expect(outputs).toEqual([0, 0, 1, 1, 2, 2].map((input_index, idx) => ({ idx, input_index })));
    await until('every epoch claimed', () => (second.node.store.db.prepare("SELECT COUNT(*) AS n FROM epochs WHERE status != 'CLAIM_ACCEPTED'").get() as { n: number }).n === 0 || undefined);
  });

  it('resumes the chain, the node store and the back-end state when a stack restarts on the same data dir', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'devnode-persist-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await startEchoStack({ dataDir });
    await processed(first, (await sendInput(first, '0x01')).index);
    await processed(first, (await sendInput(first, '0x02')).index);
    const book = first.addressBook;
    await first.stop();

    const second = await startEchoStack({ dataDir });
    cleanups.push(() => second.stop());
    expect(second.addressBook).toEqual(book);
    expect(second.node.store.inputCount()).toBe(2);
    const next = await sendInput(second, '0x03');
    expect(next.index).toBe(2n);
    expect(await processed(second, next.index)).toBe('ACCEPTED');
    expect((await inspectJson(second, 'state')).accepted).toEqual([0, 1, 2]);
    expect(second.node.engine.replayMismatches).toBe(0);
  });
});
