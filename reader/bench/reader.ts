/**
 * `npm run bench:reader [-- --clients 200 --seconds 5 --inputs 5000]`: one JSON line comparing, under the same load
 * (N concurrent clients, each polling an account's balances, its streams and the pool in turn, keep-alive, loopback),
 * the reader's GET /inspect/<route> with the node's POST /inspect, on the real devnode + back-end; then the replay
 * speed of a fresh reader catching up on a recorded history of `inputs` inputs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startDevStack } from '@streamswap/devnode';
import { getAddress } from 'viem';
import { spawnReader } from '../src/spawnReader.js';
import { startReader } from '../src/startReader.js';
import { call, deposit, send } from '../test/stackHelpers.js';
import { rawLoad } from './rawLoad.js';
import { recordHistory, recordedRpc } from './recording.js';

const { values } = parseArgs({ options: { clients: { type: 'string' }, seconds: { type: 'string' }, inputs: { type: 'string' } } });
const CLIENTS = Number(values.clients ?? 200);
const SECONDS = Number(values.seconds ?? 5);
const INPUTS = Number(values.inputs ?? 5000);
const log = (m: string) => process.stderr.write(`[bench:reader] ${m}\n`);

const stack = await startDevStack({ anvilPort: 0, rollupPort: 0, httpPort: 0, backendOutput: 'file' });
const cleanups: (() => Promise<void>)[] = [() => stack.stop()];
try {
  const [tokenA, tokenB] = stack.addressBook.tokens.map((t) => t.address);
  const accounts = [1, 2, 3, 4].map((i) => i);
  log('populating: deposits, a pool, streams, an order');
  for (const i of accounts) {
    await deposit(stack, tokenA!, 10_000n * 10n ** 18n, i);
    await deposit(stack, tokenB!, 100_000n * 10n ** 6n, i);
  }
  await send(stack, call('addLiquidity', [tokenA, tokenB, 1_000n * 10n ** 18n, 2_000n * 10n ** 6n, 0n, 0n]), 1);
  const { anvilAccount } = await import('@streamswap/contracts');
  const addresses = accounts.map((i) => getAddress(anvilAccount(i).address));
  for (const i of accounts) await send(stack, call('stream', [tokenA, addresses[i % addresses.length], 10n ** 18n, 0n, 3_600n]), i);
  await send(stack, call('swap', [tokenB, tokenA, 10n ** 6n, 0n, 0n, 600n]), 2);

  const reader = await spawnReader({
    nodeUrl: stack.urls.http,
    application: stack.addressBook.application,
    dbPath: path.join(stack.dataDir, 'reader.sqlite'),
    port: 0,
  });
  cleanups.unshift(() => reader.stop());
  for (let k = 0; k < 300; k++) {
    const health = (await (await fetch(`${reader.url}/health`)).json()) as { lag: number | null };
    if (health.lag === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const routes = addresses.flatMap((a) => [`balances/${a}`, `streams/${a}`, `pool/${tokenA}/${tokenB}`]);
  const readerUrl = new URL(reader.url);
  log(`reader at ${reader.url}: ${CLIENTS} clients for ${SECONDS} s`);
  const readerLoad = await rawLoad(
    readerUrl.hostname,
    Number(readerUrl.port),
    (k) => `GET /inspect/${routes[k % routes.length]} HTTP/1.1\r\nHost: ${readerUrl.host}\r\n\r\n`,
    CLIENTS,
    SECONDS,
  );
  const inspectUrl = new URL(stack.urls.inspect);
  log(`node inspect at ${stack.urls.inspect}: ${CLIENTS} clients for ${SECONDS} s`);
  const inspectLoad = await rawLoad(
    inspectUrl.hostname,
    Number(inspectUrl.port),
    (k) => {
      const body = Buffer.from(routes[k % routes.length]!, 'utf8');
      return `POST ${inspectUrl.pathname} HTTP/1.1\r\nHost: ${inspectUrl.host}\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body.toString('utf8')}`;
    },
    CLIENTS,
    SECONDS,
  );

  log(`recording ${INPUTS} inputs through StreamSwapApp`);
  const application = stack.addressBook.application;
  const recordBegan = performance.now();
  const recording = recordHistory(INPUTS, application);
  // The back-end code over the same inputs (in memory, no node, no verification; plus encoding the recording): about
  // the replay's ceiling.
  const backendInputsPerSecond = Math.round(INPUTS / ((performance.now() - recordBegan) / 1_000));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamswap-reader-bench-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const began = performance.now();
  const replay = await startReader({ rpc: recordedRpc(recording), application, dbPath: path.join(dir, 'replay.sqlite'), pollMs: 5 });
  await replay.caughtUp(600_000);
  const replaySeconds = (performance.now() - began) / 1_000;
  await replay.stop();

  console.log(
    JSON.stringify({
      bench: 'reader',
      clients: CLIENTS,
      readerRps: readerLoad.rps,
      readerP95Ms: readerLoad.p95Ms,
      inspectRps: inspectLoad.rps,
      inspectP95Ms: inspectLoad.p95Ms,
      replayInputsPerSecond: Math.round(INPUTS / replaySeconds),
      ratio: Number((readerLoad.rps / Math.max(inspectLoad.rps, 1)).toFixed(1)),
      backendInputsPerSecond,
      errors: { reader: readerLoad.errors, inspect: inspectLoad.errors },
      seconds: SECONDS,
      replayedInputs: INPUTS,
      rejectedInRecording: recording.inputs.filter((i) => i.status === 'REJECTED').length,
      loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
    }),
  );
} finally {
  for (const c of cleanups) await c().catch(() => {});
}
