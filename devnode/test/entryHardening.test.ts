import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { DevStack } from '../src/index.js';
import { handleRpc } from '../src/rpc/jsonRpc.js';
import { startEchoStack, until } from './helpers.js';

let stack: DevStack;
beforeAll(async () => {
  stack = await startEchoStack({ epochLength: 3 });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const EVIL = 'https://evil.example';
const VICTIM = '0x000000000000000000000000000000000000bEEF';

async function post(url: string, body: unknown, origin?: string): Promise<{ status: number; json: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
const call = (method: string, params: unknown[] = [], id: number = 1) => ({ jsonrpc: '2.0', id, method, params });
const balanceOf = async (a: string): Promise<bigint> => BigInt((await post(stack.urls.anvil, call('eth_getBalance', [a, 'latest']))).json.result);
const blockNumber = async (): Promise<bigint> => BigInt((await post(stack.urls.anvil, call('eth_blockNumber'))).json.result);

describe('/anvil proxy: cheat and signing methods only for the app origin and non-browser clients', () => {
  it('refuses anvil_*, evm_*, hardhat_*, debug_* and anvil-signed transactions from a foreign origin, and changes nothing', async () => {
    const before = await balanceOf(VICTIM);
    const blocks = await blockNumber();
    for (const [method, params] of [
      ['anvil_setBalance', [VICTIM, '0x1000']],
      ['anvil_impersonateAccount', [VICTIM]],
      ['evm_mine', []],
      ['evm_increaseTime', [1000]],
      ['hardhat_setBalance', [VICTIM, '0x1000']],
      ['debug_traceTransaction', ['0x' + '00'.repeat(32)]],
      ['eth_sendTransaction', [{ from: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', to: VICTIM, value: '0x1' }]],
      ['eth_sign', ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', '0x00']],
      ['personal_sign', ['0x00', '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266']],
    ] as const) {
      const r = await post(stack.urls.anvil, call(method, [...params], 7), EVIL);
      expect(r.status, method).toBe(200);
      expect(r.json.id).toBe(7);
      expect(r.json.error?.code, method).toBe(4100);
      expect(r.json.error.message).toContain(method);
    }
    expect(await balanceOf(VICTIM)).toBe(before);
    expect(await blockNumber()).toBe(blocks);
  });

  it("gives pages no CORS on anvil's own port (a cross-origin JSON POST there fails its preflight)", async () => {
    const pre = await fetch(stack.urls.chain, { method: 'OPTIONS', headers: { Origin: EVIL, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers standard methods to any origin, with CORS open', async () => {
    const res = await fetch(stack.urls.anvil, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: EVIL }, body: JSON.stringify(call('eth_chainId')) });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await res.json()) as { result: string }).result).toBe('0x7a69');
    expect((await post(stack.urls.anvil, call('eth_getBalance', [VICTIM, 'latest']), EVIL)).json.result).toMatch(/^0x/);
    expect((await post(stack.urls.anvil, call('net_version'), EVIL)).json.result).toBe('31337');
  });

  it('refuses the cheat calls inside a batch and answers the others in place', async () => {
    const before = await balanceOf(VICTIM);
    const blocks = await blockNumber();
    const r = await post(stack.urls.anvil, [call('eth_chainId', [], 1), call('anvil_setBalance', [VICTIM, '0x1000'], 2), call('evm_mine', [], 3), call('eth_blockNumber', [], 4)], EVIL);
    expect(r.status).toBe(200);
    expect(r.json.map((m: any) => m.id)).toEqual([1, 2, 3, 4]);
    expect(r.json[0].result).toBe('0x7a69');
    expect(r.json[1].error.code).toBe(4100);
    expect(r.json[2].error.code).toBe(4100);
    expect(BigInt(r.json[3].result)).toBe(blocks);
    // a batch of only refused calls never reaches anvil either
    const only = await post(stack.urls.anvil, [call('anvil_setBalance', [VICTIM, '0x1000'], 5)], EVIL);
    expect(only.json).toHaveLength(1);
    expect(only.json[0].error.code).toBe(4100);
    expect(await balanceOf(VICTIM)).toBe(before);
    expect(await blockNumber()).toBe(blocks);
  });

  it('serves every method to clients without an Origin header (scripts, e2e) and to the web app origin', async () => {
    expect((await post(stack.urls.anvil, call('anvil_setBalance', [VICTIM, '0x1111']))).json.error).toBeUndefined();
    expect(await balanceOf(VICTIM)).toBe(0x1111n);
    // the web dev server's origin (default port 5173) under both of its names
    for (const [origin, value] of [['http://127.0.0.1:5173', 0x2222n], ['http://localhost:5173', 0x3333n]] as const) {
      const r = await post(stack.urls.anvil, [call('anvil_setBalance', [VICTIM, `0x${value.toString(16)}`], 1)], origin);
      expect(r.json[0].error).toBeUndefined();
      expect(await balanceOf(VICTIM)).toBe(value);
    }
    const blocks = await blockNumber();
    expect((await post(stack.urls.anvil, call('evm_mine'))).json.error).toBeUndefined();
    expect(await blockNumber()).toBe(blocks + 1n);
    // another port on the same host is another origin
    expect((await post(stack.urls.anvil, call('evm_mine'), 'http://127.0.0.1:5174')).json.error.code).toBe(4100);
    // an origin trusted at run time (e2e serves its built web app on a free port)
    stack.node.trustedOrigins.add('http://127.0.0.1:40123/');
    expect((await post(stack.urls.anvil, call('evm_mine'), 'http://127.0.0.1:40123')).json.error).toBeUndefined();
    expect(await blockNumber()).toBe(blocks + 2n);
  });
});

/** Whether this machine lets us put a process in a network namespace of its own (as the stack tries to). */
const canIsolate = ['--net', '--user --map-root-user --net'].some((flags) => spawnSync('unshare', [...flags.split(' '), 'true']).status === 0);

/** Opens a WebSocket to `url`; resolves with it once open, or with the HTTP status the handshake was refused with. */
function openWs(url: string, origin?: string): Promise<{ ws?: WebSocket; refused?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode });
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

/** Sends one request on an open WebSocket and resolves with the answer carrying its id. */
function wsCall(ws: WebSocket, method: string, params: unknown[] = [], id = Math.floor(Math.random() * 1e9)): Promise<any> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString());
      if (msg.id !== id) return;
      ws.off('message', onMessage);
      resolve(msg);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify(call(method, params, id)));
  });
}

describe("the chain port (anvil's): a page from another origin cannot change the chain", () => {
  const wsUrl = () => stack.urls.chain.replace(/^http/, 'ws');

  it.runIf(canIsolate)('runs anvil in a network namespace of its own: nothing on the host reaches its TCP listener', async () => {
    const chain = stack.anvil!;
    expect(chain.isolated).toBe(true);
    expect(chain.rpcUrl).toBe(stack.urls.chain);
    // anvil's network namespace is not ours, and in it anvil listens on its own port ...
    expect(fs.readlinkSync(`/proc/${chain.pid}/ns/net`)).not.toBe(fs.readlinkSync('/proc/self/ns/net'));
    const innerHex = chain.innerPort!.toString(16).toUpperCase().padStart(4, '0');
    const listening = (table: string) => table.split('\n').some((l) => l.includes(`:${innerHex} 00000000:0000 0A`));
    expect(listening(fs.readFileSync(`/proc/${chain.pid}/net/tcp`, 'utf8'))).toBe(true);
    // ... which the host does not have: a connection there is refused
    expect(listening(fs.readFileSync('/proc/self/net/tcp', 'utf8'))).toBe(false);
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect(chain.innerPort!, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve('connected');
      });
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(refused).toBe('ECONNREFUSED');
    // the only TCP listener for the chain is the devnode's own bridge, in this process
    expect(new URL(stack.urls.chain).port).toBe(String(chain.port));
  });

  it.runIf(!canIsolate)('falls back to a plain anvil on the chain port where namespaces are not permitted', () => {
    expect(stack.anvil!.isolated).toBe(false);
  });

  it.runIf(canIsolate)('refuses WebSocket connections from foreign origins (403), so no cheat or signing call gets through', async () => {
    const before = await balanceOf(VICTIM);
    const blocks = await blockNumber();
    const time = BigInt((await post(stack.urls.chain, call('eth_getBlockByNumber', ['latest', false]))).json.result.timestamp);
    for (const origin of [EVIL, 'http://127.0.0.1:5174', 'null', 'chrome-extension://abcdefghijklmnop', 'http://evil.example:' + new URL(stack.urls.chain).port]) {
      const r = await openWs(wsUrl(), origin);
      expect(r.refused, origin).toBe(403);
      expect(r.ws).toBeUndefined();
    }
    expect(await balanceOf(VICTIM)).toBe(before);
    expect(await blockNumber()).toBe(blocks);
    expect(BigInt((await post(stack.urls.chain, call('eth_getBlockByNumber', ['latest', false]))).json.result.timestamp)).toBe(time);
  });

  it('answers a foreign origin over HTTP as /anvil does: standard methods only, no CORS, also for a text/plain "simple" POST', async () => {
    const before = await balanceOf(VICTIM);
    const blocks = await blockNumber();
    const r = await post(stack.urls.chain, [call('eth_chainId', [], 1), call('anvil_setBalance', [VICTIM, '0x1000'], 2), call('evm_increaseTime', [3600], 3), call('evm_mine', [], 4)], EVIL);
    expect(r.json[0].result).toBe('0x7a69');
    expect(r.json.slice(1).map((m: any) => m.error?.code)).toEqual([4100, 4100, 4100]);
    // a page can send this without a preflight (mode: 'no-cors'); anvil itself takes text/plain as JSON
    const simple = await fetch(stack.urls.chain, { method: 'POST', headers: { 'Content-Type': 'text/plain', Origin: EVIL }, body: JSON.stringify(call('anvil_setBalance', [VICTIM, '0x2000'])) });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await simple.json()) as any).error.code).toBe(4100);
    const signed = await post(stack.urls.chain, call('eth_sendTransaction', [{ from: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', to: VICTIM, value: '0x1' }]), EVIL);
    expect(signed.json.error.code).toBe(4100);
    expect(await balanceOf(VICTIM)).toBe(before);
    expect(await blockNumber()).toBe(blocks);
  });

  it('serves clients without Origin (scripts, viem, cast) and the app origin everything, over HTTP and WebSocket', async () => {
    // HTTP: single, batch, a notification (204, as anvil), malformed JSON, a bare value
    expect((await post(stack.urls.chain, call('anvil_setBalance', [VICTIM, '0x4444']))).json.error).toBeUndefined();
    expect(await balanceOf(VICTIM)).toBe(0x4444n);
    const batch = await post(stack.urls.chain, [call('eth_chainId', [], 1), call('net_version', [], 2)]);
    expect(batch.json).toEqual([{ jsonrpc: '2.0', id: 1, result: '0x7a69' }, { jsonrpc: '2.0', id: 2, result: '31337' }]);
    const notification = await fetch(stack.urls.chain, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', method: 'eth_chainId', params: [] }) });
    expect(notification.status).toBe(204);
    expect((await post(stack.urls.chain, '{"jsonrpc":')).status).toBe(400);
    expect((await post(stack.urls.chain, 'null')).json.error.code).toBe(-32600);
    // a large answer comes through whole (the chain saver uses anvil_dumpState)
    expect((await post(stack.urls.chain, call('anvil_dumpState'))).json.result).toMatch(/^0x[0-9a-f]{1000,}$/);

    // WebSocket without Origin: requests, a cheat method, eth_subscribe newHeads receiving the block a mine makes
    const { ws } = await openWs(wsUrl());
    expect(BigInt((await wsCall(ws!, 'eth_blockNumber')).result)).toBe(await blockNumber());
    expect((await wsCall(ws!, 'anvil_setBalance', [VICTIM, '0x5555'])).error).toBeUndefined();
    expect(await balanceOf(VICTIM)).toBe(0x5555n);
    const sub = (await wsCall(ws!, 'eth_subscribe', ['newHeads'])).result as string;
    expect(sub).toMatch(/^0x/);
    const head = new Promise<any>((resolve) => ws!.on('message', (d) => {
      const m = JSON.parse(d.toString());
      if (m.method === 'eth_subscription' && m.params.subscription === sub) resolve(m.params.result);
    }));
    const blocks = await blockNumber();
    expect((await post(stack.urls.chain, call('evm_mine'))).json.error).toBeUndefined();
    expect(BigInt((await head).number)).toBe(blocks + 1n);
    // a malformed message is answered, and the connection keeps working
    const parseError = new Promise<any>((resolve) => ws!.once('message', (d) => resolve(JSON.parse(d.toString()))));
    ws!.send('{"jsonrpc":');
    expect((await parseError).error.code).toBe(-32700);
    expect((await wsCall(ws!, 'eth_chainId')).result).toBe('0x7a69');
    ws!.close();

    // the web app's origin may open a WebSocket too
    const app = await openWs(wsUrl(), 'http://localhost:5173');
    expect((await wsCall(app.ws!, 'eth_chainId')).result).toBe('0x7a69');
    app.ws!.close();
  });

  it("keeps the node's own block subscription (eth_subscribe newHeads over the chain port's WebSocket)", async () => {
    await post(stack.urls.chain, call('evm_mine'));
    await until('the node to receive a block over its subscription', () => stack.node.reader.subscribed || undefined, 10_000);
    expect(stack.node.reader.subscribed).toBe(true);
  });
});

describe('JSON-RPC errors as the rollups-node gives them', () => {
  const app = () => stack.addressBook.application;
  it('answers -32602 for a negative limit, a huge or negative offset and non-integers, never a database error', async () => {
    for (const params of [
      { application: app(), limit: -1 },
      { application: app(), limit: -100 },
      { application: app(), offset: 1e20 },
      { application: app(), offset: 2 ** 63 },
      { application: app(), offset: -5 },
      { application: app(), limit: 1.5 },
      { application: app(), limit: '10' },
    ]) {
      for (const method of ['cartesi_listInputs', 'cartesi_listOutputs', 'cartesi_listReports', 'cartesi_listEpochs']) {
        const r = await post(stack.urls.rpc, { jsonrpc: '2.0', id: 3, method, params });
        expect(r.status).toBe(200);
        expect(r.json.error?.code, `${method} ${JSON.stringify(params)}`).toBe(-32602);
        expect(r.json.error.message).not.toMatch(/sqlite|datatype/i);
      }
    }
    const ok = await post(stack.urls.rpc, { jsonrpc: '2.0', id: 3, method: 'cartesi_listInputs', params: { application: app(), limit: 0, offset: 2 ** 53 - 1 } });
    expect(ok.json.result.data).toEqual([]);
    expect(ok.json.result.pagination.limit).toBe(50);
  });

  it('answers malformed JSON with HTTP 400 and -32700 on /rpc and /anvil; an empty batch with -32600', async () => {
    for (const url of [stack.urls.rpc, stack.urls.anvil]) {
      const r = await post(url, '{"jsonrpc": "2.0", "method": ');
      expect(r.status).toBe(400);
      expect(r.json).toEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
      const empty = await post(url, '[]');
      expect(empty.json.error.code).toBe(-32600);
    }
  });

  it('never leaks the text of an internal error: it is logged and answered with a generic message', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = {
      store: {
        processedInputCount: () => {
          throw new Error('SqliteError: no such table: inputs (/home/dev/secret/node.sqlite)');
        },
      },
      appState: () => ({ addressBook: stack.addressBook }),
    } as never;
    const r = handleRpc(failing, { jsonrpc: '2.0', id: 9, method: 'cartesi_getProcessedInputCount', params: { application: 'streamswap' } }) as any;
    expect(r).toEqual({ jsonrpc: '2.0', id: 9, error: { code: -32603, message: 'Internal error' } });
    expect(logged).toHaveBeenCalled();
    expect(String(logged.mock.calls[0]!.join(' '))).toContain('JSON-RPC cartesi_getProcessedInputCount');
    logged.mockRestore();
  });
});

describe('oversized bodies', () => {
  const big = Buffer.alloc(5 * 1024 * 1024, 0x61);

  /** A raw HTTP/1.1 POST, so the test sees exactly what a client gets (status, or a connection error). */
  function rawPost(url: string, body: Buffer): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('answers 5 MB to /rpc, /inspect and /anvil with 413 that the client receives (no connection reset)', async () => {
    for (const url of [stack.urls.rpc, stack.urls.inspect, stack.urls.anvil]) {
      const raw = await rawPost(url, big);
      expect(raw.status, url).toBe(413);
      expect(raw.text).toMatch(/too large/);
      const res = await fetch(url, { method: 'POST', body: big });
      expect(res.status, url).toBe(413);
      await res.text();
    }
    // and the server is still fine
    expect((await post(stack.urls.rpc, { jsonrpc: '2.0', id: 1, method: 'cartesi_getChainId' })).json.result.data).toBe('0x7a69');
  });

  it('answers 413 to a chunked body (no Content-Length) once it passes the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(stack.urls.rpc, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write(Buffer.alloc(1024 * 1024, 0x20));
      req.end();
    });
    expect(status).toBe(413);
  });
});
