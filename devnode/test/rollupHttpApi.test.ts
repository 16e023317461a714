import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFunctionData, type Hex } from 'viem';
import { evmAdvanceAbi } from '../src/chain/abis.js';
import { closeServer, listen } from '../src/http/util.js';
import { RollupEngine } from '../src/rollup/RollupEngine.js';
import { createRollupHttpServer } from '../src/rollup/rollupHttpServer.js';
import { NodeStore } from '../src/store/NodeStore.js';

const APP = '0x2d57b10a38cb7db6f1956d0081eee4a4eb09e1c3';
const SENDER = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';

let dir: string;
let store: NodeStore;
let engine: RollupEngine;
let server: http.Server;
let url: string;

function addInput(idx: number, payload: Hex, block = 10 + idx): void {
  const rawData = encodeFunctionData({
    abi: evmAdvanceAbi,
    functionName: 'EvmAdvance',
    args: [31337n, APP, SENDER, BigInt(block), 1_700_000_000n + BigInt(idx), 7n, BigInt(idx), payload],
  });
  store.addInputs(
    [{ idx, epochIndex: Math.floor(block / 4), blockNumber: block, blockTimestamp: 1_700_000_000 + idx, chainId: 31337, appContract: APP, msgSender: SENDER, prevRandao: `0x${'0'.repeat(63)}7`, payload, rawData, txHash: `0x${'ab'.repeat(32)}`, logIndex: 0 }],
    4,
  );
  engine.wake();
}

async function post(p: string, body: unknown): Promise<{ status: number; json?: any; text: string }> {
  const res = await fetch(url + p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devnode-rollup-'));
  store = new NodeStore(path.join(dir, 'node.sqlite'));
  engine = new RollupEngine(store, { finishTimeoutMs: 300 });
  server = createRollupHttpServer(engine);
  url = `http://127.0.0.1:${await listen(server, '127.0.0.1', 0)}`;
});

afterEach(async () => {
  engine.shutdown();
  await closeServer(server);
  store.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Rollup HTTP API', () => {
  it('answers /finish with 202 after the long-poll times out when there is no request', async () => {
    const t0 = Date.now();
    const r = await post('/finish', { status: 'accept' });
    expect(r.status).toBe(202);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  });

  it('wakes a waiting /finish as soon as an input arrives, with the metadata exactly as the Rust server sends it', async () => {
    const pending = post('/finish', { status: 'accept' });
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    addInput(0, '0xdeadbeef');
    const r = await pending;
    expect(Date.now() - t0).toBeLessThan(200);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      request_type: 'advance_state',
      data: {
        metadata: {
          chain_id: 31337,
          app_contract: APP,
          msg_sender: SENDER,
          block_number: 10,
          block_timestamp: 1_700_000_000,
          prev_randao: `0x${'0'.repeat(63)}7`,
          input_index: 0,
        },
        payload: '0xdeadbeef',
      },
    });
  });

  it('gives output indices from one counter since genesis and drops the outputs of a rejected input', async () => {
    addInput(0, '0x01');
    addInput(1, '0x02');
    addInput(2, '0x03');
    expect((await post('/finish', { status: 'accept' })).json.data.metadata.input_index).toBe(0);
    expect((await post('/notice', { payload: '0x01' })).json).toEqual({ index: 0 });
    expect((await post('/voucher', { destination: SENDER, value: `0x${'0'.repeat(64)}`, payload: '0x' })).json).toEqual({ index: 1 });
    expect((await post('/finish', { status: 'accept' })).json.data.metadata.input_index).toBe(1);
    expect((await post('/notice', { payload: '0x02' })).json).toEqual({ index: 2 });
    expect((await post('/delegate-call-voucher', { destination: SENDER, payload: '0x' })).json).toEqual({ index: 3 });
    expect((await post('/report', { payload: '0xee' })).status).toBe(202);
    expect((await post('/finish', { status: 'reject' })).json.data.metadata.input_index).toBe(2);
    // the rejected input's two outputs are gone: the next input's first output takes index 2 again
    expect((await post('/notice', { payload: '0x03' })).json).toEqual({ index: 2 });
    const p = post('/finish', { status: 'accept' });
    expect((await p).status).toBe(202);
    expect(store.input(0)!.status).toBe('ACCEPTED');
    expect(store.input(1)!.status).toBe('REJECTED');
    expect(store.input(2)!.status).toBe('ACCEPTED');
    expect(store.outputsOfInput(1)).toEqual([]);
    expect(store.outputsOfInput(2).map((o) => o.idx)).toEqual([2]);
    expect(store.outputCount()).toBe(3);
    // the rejected input's report is kept (it carries the error)
    expect(store.reportCount()).toBe(1);
  });

  it('rolls back an input that raises /exception and records EXCEPTION', async () => {
    addInput(0, '0x01');
    await post('/finish', { status: 'accept' });
    await post('/notice', { payload: '0x01' });
    expect((await post('/exception', { payload: '0x626f6f6d' })).status).toBe(202);
    expect(store.input(0)!.status).toBe('EXCEPTION');
    expect(store.outputCount()).toBe(0);
  });

  it('runs a queued inspect between advances and answers with its reports', async () => {
    addInput(0, '0x01');
    await post('/finish', { status: 'accept' }); // input 0 in flight
    const inspected = engine.inspect('0x6869');
    addInput(1, '0x02');
    const next = await post('/finish', { status: 'accept' });
    expect(next.json).toEqual({ request_type: 'inspect_state', data: { payload: '0x6869' } });
    await post('/report', { payload: '0xabcd' });
    expect((await post('/notice', { payload: '0x01' })).status).toBe(400); // no outputs during inspect
    const after = await post('/finish', { status: 'accept' });
    expect(after.json.data.metadata.input_index).toBe(1);
    expect(await inspected).toEqual({ status: 'Accepted', reports: [{ payload: '0xabcd' }], processed_input_count: 1, exception_payload: null });
  });

  it('rejects malformed requests with 4xx text errors', async () => {
    expect((await post('/finish', { status: 'maybe' })).status).toBe(400);
    expect((await post('/notice', { payload: '0x01' })).status).toBe(400); // nothing in progress
    addInput(0, '0x01');
    await post('/finish', { status: 'accept' });
    expect((await post('/voucher', { destination: '0x1234', value: '0x00', payload: '0x' })).text).toContain('address not valid');
    expect((await post('/notice', { payload: '0x123' })).status).toBe(400);
    const res = await fetch(url + '/notice', { method: 'POST', body: '{"payload":"0x"}' });
    expect(res.status).toBe(415);
  });
});
