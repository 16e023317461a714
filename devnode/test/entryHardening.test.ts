import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DevStack } from '../src/index.js';
import { handleRpc } from '../src/rpc/jsonRpc.js';
import { startEchoStack } from './helpers.js';

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
