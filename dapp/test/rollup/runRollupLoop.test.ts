import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CARTESI_V2_2_ADDRESSES, dappAbi } from '@streamswap/protocol';
import { type Hex, encodeFunctionData, encodePacked, hexToString, stringToHex } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamSwapApp } from '../../src/app/StreamSwapApp.js';
import { runRollupLoop } from '../../src/rollup/runRollupLoop.js';
import { openDatabase } from '../../src/storage/openDatabase.js';

/**
 * A scripted Rollup HTTP API: it hands out the given requests one /finish at a time (answering 202
 * once before each, as a host-mode server does on timeout) and records everything the back-end posts.
 */
function scriptedRollupServer(requests: unknown[]) {
  const posted: { path: string; body: Record<string, string> }[] = [];
  const finishes: string[] = [];
  let handedOut = 0;
  let idle = true;
  let done: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, string>;
      if (req.url !== '/finish') {
        posted.push({ path: req.url ?? '', body });
        res.writeHead(req.url === '/report' ? 202 : 201, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ index: posted.length - 1 }));
      }
      finishes.push(body.status ?? '');
      if (handedOut === requests.length) {
        done();
        return; // keep the last long-poll open; the test closes the server
      }
      idle = !idle;
      if (!idle) {
        res.writeHead(202);
        return res.end('no rollup request available');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(requests[handedOut++]));
    });
  });
  server.listen(0, '127.0.0.1');
  return { server, posted, finishes, finished, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const token = '0x1111111111111111111111111111111111111111';
const alice = '0x2222222222222222222222222222222222222222';
const metadata = (index: number, msg_sender: string) => ({
  chain_id: 31337,
  app_contract: '0xab7528bb862fb57e8a2bcd567a2e929a0be56a5e',
  msg_sender,
  block_number: 10 + index,
  block_timestamp: 1_700_000_000 + index,
  prev_randao: `0x${'00'.repeat(32)}`,
  input_index: index,
});
const advance = (index: number, msg_sender: string, payload: Hex) => ({
  request_type: 'advance_state',
  data: { metadata: metadata(index, msg_sender.toLowerCase()), payload },
});

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('the rollup loop', () => {
  it('accepts a deposit with a notice, rejects a bad input with a report, answers inspect with one report', async () => {
    const rollup = scriptedRollupServer([
      advance(0, CARTESI_V2_2_ADDRESSES.erc20Portal, encodePacked(['address', 'address', 'uint256'], [token, alice, 500n])),
      advance(1, alice, encodeFunctionData({ abi: dappAbi, functionName: 'withdraw', args: [token, 501n] })),
      advance(2, alice, encodeFunctionData({ abi: dappAbi, functionName: 'withdraw', args: [token, 200n] })),
      { request_type: 'inspect_state', data: { payload: stringToHex(`balance/${token}/${alice}`) } },
    ]);
    await new Promise((resolve) => rollup.server.once('listening', resolve));
    const controller = new AbortController();
    close = () => {
      controller.abort();
      rollup.server.closeAllConnections();
      rollup.server.close();
    };
    void runRollupLoop(new StreamSwapApp(openDatabase(':memory:')), rollup.url(), controller.signal).catch(() => {});
    await rollup.finished;

    const payloads = rollup.posted.map((p) => ({ path: p.path, json: p.body.payload ? hexToString(p.body.payload as Hex) : undefined }));
    expect(payloads[0]).toEqual({ path: '/notice', json: expect.stringContaining('"deposited"') });
    expect(payloads[1]).toEqual({ path: '/report', json: expect.stringContaining('INSUFFICIENT_AVAILABLE') });
    expect(payloads[2]).toEqual({ path: '/notice', json: expect.stringContaining('"withdrawn"') });
    expect(payloads[3]?.path).toBe('/voucher');
    expect(rollup.posted[3]?.body.destination?.toLowerCase()).toBe(token);
    expect(JSON.parse(payloads[4]?.json ?? '{}')).toMatchObject({ available: '300', at: 1_700_000_002 });
    // every advance is finished with its own verdict: deposit accepted, overdraft rejected, withdraw accepted
    expect(rollup.finishes.filter((_, i) => i % 2 === 0).slice(1, 4)).toEqual(['accept', 'reject', 'accept']);
  });
});
