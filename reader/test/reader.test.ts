import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { anvilAccount } from '@streamswap/contracts';
import type { DevStack } from '@streamswap/devnode';
import type { Address, Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RpcCall, httpRpc } from '../src/node/nodeRpc.js';
import { VerificationError } from '../src/replica/VerificationError.js';
import { type Reader, startReader } from '../src/startReader.js';
import { call, deposit, nodeInspect, send, startStack } from './stackHelpers.js';

let stack: DevStack;
let tmp: string;
let tCTSI: Address;
let tUSD: Address;
const alice = anvilAccount(1).address;
const bob = anvilAccount(2).address;
/** Input indices of the scenario, by what they do. */
const inputs: Record<string, bigint> = {};
const E18 = 10n ** 18n;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'streamswap-reader-'));
  stack = await startStack();
  tCTSI = stack.addressBook.tokens.find((t) => t.symbol === 'tCTSI')!.address;
  tUSD = stack.addressBook.tokens.find((t) => t.symbol === 'tUSD')!.address;
  const steps: [string, () => Promise<{ index: bigint; status: string }>, string][] = [
    ['depositCTSI', () => deposit(stack, tCTSI, 10_000n * E18), 'ACCEPTED'],
    ['depositUSD', () => deposit(stack, tUSD, 100_000n * 10n ** 6n), 'ACCEPTED'],
    ['stream', () => send(stack, call('stream', [tCTSI, bob, 100n * E18, 0n, 1_000n])), 'ACCEPTED'],
    ['overdraw', () => send(stack, call('withdraw', [tUSD, 10n ** 30n])), 'REJECTED'],
    ['withdraw', () => send(stack, call('withdraw', [tUSD, 5n * 10n ** 6n])), 'ACCEPTED'],
    ['addLiquidity', () => send(stack, call('addLiquidity', [tCTSI, tUSD, 1_000n * E18, 2_000n * 10n ** 6n, 0n, 0n])), 'ACCEPTED'],
    ['order', () => send(stack, call('swap', [tUSD, tCTSI, 100n * 10n ** 6n, 0n, 0n, 600n])), 'ACCEPTED'],
    ['garbage', () => send(stack, '0xdeadbeef'), 'REJECTED'],
    ['transfer', () => send(stack, call('transfer', [tUSD, bob, 7n * 10n ** 6n])), 'ACCEPTED'],
  ];
  for (const [name, step, expected] of steps) {
    const { index, status } = await step();
    expect(status, name).toBe(expected);
    inputs[name] = index;
  }
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const get = (reader: Reader, route: string, headers: Record<string, string> = {}) => fetch(`${reader.url}/inspect/${route}`, { headers });
const gql = async (reader: Reader, query: string, variables: Record<string, unknown> = {}) => {
  const res = await fetch(`${reader.url}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
};

/** Wraps the node's JSON-RPC, letting a test rewrite answers (a node that lies or misbehaves). */
function tamperedRpc(stack: DevStack, rewrite: (method: string, params: Record<string, unknown>, result: any) => any): RpcCall {
  const real = httpRpc(stack.urls.rpc);
  return async (method, params) => rewrite(method, params, await real(method, params));
}

describe('the reader against the real devnode and back-end', { timeout: 120_000 }, () => {
  let reader: Reader;
  const dbPath = () => path.join(tmp, 'reader.sqlite');

  it('replays every processed input and reaches the back-end state digest, answering every route with the same JSON', async () => {
    reader = await startReader({ nodeUrl: stack.urls.http, application: stack.addressBook.application, dbPath: dbPath(), pollMs: 30 });
    await reader.caughtUp();
    const last = inputs.transfer!;
    for (const route of [
      'digest',
      'status',
      'tokens',
      `balances/${alice}`,
      `balances/${bob}`,
      `balance/${tCTSI}/${bob}?at=1900000000`,
      `streams/${alice}`,
      `orders/${alice}`,
      `pool/${tCTSI}/${tUSD}`,
      'pools',
      `history/${tCTSI}/${tUSD}`,
      `quote/${tUSD}/${tCTSI}/1000000?duration=60`,
    ]) {
      const res = await get(reader, route);
      expect(res.status, route).toBe(200);
      expect(res.headers.get('x-processed-input-index')).toBe(String(last));
      expect(await res.text(), route).toBe(await nodeInspect(stack, route));
    }
    expect(reader.replica.cursor().nextInput).toBe(last + 1n);
  });

  it('answers If-None-Match with 304 until an input changes the answer, and announces the input on /events', async () => {
    const route = `balances/${bob}`;
    const first = await get(reader, route);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect((await get(reader, route, { 'If-None-Match': etag })).status).toBe(304);

    const events = await fetch(`${reader.url}/events`);
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    const stream = events.body!.getReader();
    let text = '';
    const sent = send(stack, call('transfer', [tUSD, bob, 1n * 10n ** 6n]));
    const { index } = await sent;
    const deadline = Date.now() + 30_000;
    while (!text.includes('event: processed')) {
      const { value, done } = await Promise.race([stream.read(), new Promise<never>((_, r) => setTimeout(() => r(new Error('no SSE event within 30 s')), deadline - Date.now()))]);
      if (done) break;
      text += Buffer.from(value!).toString('utf8');
    }
    await stream.cancel();
    const data = /event: processed\ndata: (.*)\n/.exec(text)![1]!;
    const event = JSON.parse(data) as { index: number; timestamp: number };
    expect(event.index).toBe(Number(index));
    expect(event.timestamp).toBeGreaterThan(1_700_000_000);
    inputs.transfer2 = index;

    const after = await get(reader, route, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.headers.get('x-processed-input-index')).toBe(String(index));
    expect(await after.text()).toBe(await nodeInspect(stack, route));
  });

  it('resumes from its database after a restart without replaying what it had', async () => {
    const before = reader.replica.cursor();
    await reader.stop();
    const offsets: number[] = [];
    reader = await startReader({
      rpc: tamperedRpc(stack, (method, params, result) => {
        if (method === 'cartesi_listInputs') offsets.push(params.offset as number);
        return result;
      }),
      application: stack.addressBook.application,
      dbPath: dbPath(),
      pollMs: 30,
    });
    expect(reader.replica.cursor()).toEqual(before);
    const { index } = await send(stack, call('transfer', [tCTSI, bob, E18]));
    await reader.caughtUp();
    expect(offsets.length).toBeGreaterThan(0);
    expect(Math.min(...offsets)).toBe(Number(before.nextInput));
    expect(reader.replica.cursor().nextInput).toBe(index + 1n);
    expect(await (await get(reader, 'digest')).text()).toBe(await nodeInspect(stack, 'digest'));
  });

  it('stops at an output the node reports differently, naming the input, and keeps serving the verified state', async () => {
    const target = inputs.stream!;
    const liar = await startReader({
      rpc: tamperedRpc(stack, (method, _params, result) => {
        if (method !== 'cartesi_listOutputs') return result;
        return {
          ...result,
          data: result.data.map((o: { input_index: Hex; raw_data: Hex }) =>
            BigInt(o.input_index) === target ? { ...o, raw_data: `${o.raw_data.slice(0, -2)}${o.raw_data.endsWith('00') ? '01' : '00'}` } : o,
          ),
        };
      }),
      application: stack.addressBook.application,
      pollMs: 30,
    });
    try {
      const error = await liar.follower.done.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(VerificationError);
      expect((error as VerificationError).inputIndex).toBe(target);
      expect((error as Error).message).toContain(`Input ${target}: output 0 of the input differs`);
      const health = await fetch(`${liar.url}/health`);
      expect(health.status).toBe(503);
      const body = (await health.json()) as { status: string; processedInputIndex: number; lastError: string };
      expect(body).toMatchObject({ status: 'diverged', processedInputIndex: Number(target) - 1 });
      expect(body.lastError).toContain(`Input ${target}`);
      const status = await get(liar, 'status');
      expect(status.headers.get('x-processed-input-index')).toBe(String(target - 1n));
    } finally {
      await liar.stop();
    }
  });

  it('stops when the node accepted an input the back-end code rejects', async () => {
    const target = inputs.overdraw!;
    const liar = await startReader({
      rpc: tamperedRpc(stack, (method, _params, result) =>
        method === 'cartesi_listInputs'
          ? { ...result, data: result.data.map((i: { index: Hex; status: string }) => (BigInt(i.index) === target ? { ...i, status: 'ACCEPTED' } : i)) }
          : result,
      ),
      application: stack.addressBook.application,
      pollMs: 30,
    });
    try {
      const error = (await liar.follower.done.then(() => undefined, (e: unknown) => e)) as VerificationError;
      expect(error).toBeInstanceOf(VerificationError);
      expect(error.inputIndex).toBe(target);
      expect(error.message).toContain('the node accepted it, but the replay rejected it (INSUFFICIENT_AVAILABLE');
    } finally {
      await liar.stop();
    }
  });

  it('retries an inconsistent page with backoff, reports it, and applies nothing from it', async () => {
    let lie = true;
    const flaky = await startReader({
      rpc: tamperedRpc(stack, (method, _params, result) =>
        method === 'cartesi_listInputs' && lie ? { ...result, data: result.data.map((i: object, k: number) => ({ ...i, index: `0x${(k + 5).toString(16)}` })) } : result,
      ),
      application: stack.addressBook.application,
      pollMs: 30,
      minBackoffMs: 20,
    });
    try {
      for (let k = 0; k < 200 && flaky.follower.status().status !== 'retrying'; k++) await new Promise((r) => setTimeout(r, 20));
      const health = (await (await fetch(`${flaky.url}/health`)).json()) as { status: string; lastError: string; lag: number; processedInputIndex: number };
      expect(health.status).toBe('retrying');
      expect(health.lastError).toContain('cartesi_listInputs at offset 0 returned input 5');
      expect(health.processedInputIndex).toBe(-1);
      expect(health.lag).toBeGreaterThan(0);
      lie = false;
      await flaky.caughtUp();
      expect(await (await get(flaky, 'digest')).text()).toBe(await nodeInspect(stack, 'digest'));
    } finally {
      await flaky.stop();
    }
  });

  it('reports an unreachable node in /health and keeps serving', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const lonely = await startReader({ nodeUrl: `http://127.0.0.1:${closed}`, application: stack.addressBook.application, minBackoffMs: 20 });
    try {
      for (let k = 0; k < 200 && lonely.follower.status().lastError === null; k++) await new Promise((r) => setTimeout(r, 20));
      const health = (await (await fetch(`${lonely.url}/health`)).json()) as { status: string; lastError: string };
      expect(health.status).toBe('retrying');
      expect(health.lastError).toBe(`cartesi_getProcessedInputCount at http://127.0.0.1:${closed}/rpc failed: ECONNREFUSED`);
      expect((await get(lonely, 'status')).status).toBe(200);
    } finally {
      await lonely.stop();
    }
  });

  it('answers bad routes and bad parameters with a 4xx and the error view', async () => {
    const unknown = await get(reader, 'nothing/here');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('UNKNOWN_ROUTE');
    const badAddress = await get(reader, `balance/0xnothex/${alice}`);
    expect(badAddress.status).toBe(400);
    expect(await badAddress.json()).toEqual({ error: { code: 'INVALID_PARAMETER', message: 'The token "0xnothex" is not an address.' } });
    const badAt = await get(reader, `balances/${alice}?at=yesterday`);
    expect(badAt.status).toBe(400);
    expect(await badAt.text()).toBe(await nodeInspect(stack, `balances/${alice}?at=yesterday`));
    expect((await get(reader, 'stream/999999')).status).toBe(404);
    expect((await fetch(`${reader.url}/inspect/status`, { method: 'POST' })).status).toBe(405);
  });

  it('serves GraphQL: streams, orders, balances, tokens, pairs, pools and history, at any time, with cursor pages', async () => {
    const opened = JSON.parse(await nodeInspect(stack, `streams/${alice}`)).outgoing[0] as { id: string; start: number };
    const start = opened.start;
    const { status, body } = await gql(
      reader,
      `query($alice: String!, $bob: String!, $ctsi: String!, $usd: String!, $at: UnixTime) {
        status { processedInputIndex lastInputIndex digest }
        tokens { token totalSupply withdrawable }
        streaming: streams(sender: $alice, token: $ctsi, status: [streaming], at: $at) { nodes { id status streamed remaining } }
        settled: streams(receiver: $bob, status: [settled], at: $at) { nodes { id } }
        later: streams(account: $bob, at: 4000000000) { nodes { id status streamed } }
        orders(owner: $alice, tokenA: $ctsi, tokenB: $usd) { nodes { id status owner tokenIn } pageInfo { hasNextPage } }
        byToken: balances(token: $usd) { nodes { account balance } }
        mine: balances(account: $alice, token: $ctsi) { nodes { token balance available locked } }
        pairs { tokenA tokenB lpToken }
        pools(at: $at) { reserveA reserveB openOrdersA openOrdersB }
        poolHistory(tokenA: $ctsi, tokenB: $usd) { points { t reserveA } }
        quote(tokenIn: $usd, tokenOut: $ctsi, amountIn: "1000000") { amountOut fee }
      }`,
      { alice, bob, ctsi: tCTSI, usd: tUSD, at: start + 500 },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(status).toBe(200);
    const d = body.data;
    expect(d.status.digest).toBe(JSON.parse(await nodeInspect(stack, 'digest')).digest);
    expect(d.status.processedInputIndex).toBe(Number(reader.replica.cursor().nextInput - 1n));
    expect(d.streaming.nodes).toEqual([{ id: opened.id, status: 'streaming', streamed: (50n * E18).toString(), remaining: (50n * E18).toString() }]);
    expect(d.settled.nodes).toEqual([]);
    expect(d.later.nodes).toEqual([{ id: opened.id, status: 'settled', streamed: (100n * E18).toString() }]);
    expect(d.orders.nodes).toEqual([{ id: expect.any(String), status: expect.any(String), owner: alice, tokenIn: tUSD }]);
    expect(d.byToken.nodes.map((n: { account: string }) => n.account)).toEqual(expect.arrayContaining([alice, bob]));
    const nodeBalance = JSON.parse(await nodeInspect(stack, `balance/${tCTSI}/${alice}`));
    expect(d.mine.nodes).toEqual([{ token: tCTSI, balance: nodeBalance.balance, available: nodeBalance.available, locked: nodeBalance.locked }]);
    expect(d.tokens.map((t: { token: string }) => t.token)).toEqual(expect.arrayContaining([tCTSI, tUSD]));
    expect(d.pairs).toHaveLength(1);
    expect(d.pools[0].openOrdersA + d.pools[0].openOrdersB).toBe(1);
    expect(d.poolHistory.points.length).toBeGreaterThan(0);
    expect(BigInt(d.quote.amountOut)).toBeGreaterThan(0n);

    const viaGet = await fetch(`${reader.url}/graphql?query=${encodeURIComponent('{ status { processedInputIndex } }')}`);
    expect(viaGet.status).toBe(200);
    expect(viaGet.headers.get('x-processed-input-index')).toBe(String(d.status.processedInputIndex));
    expect(await viaGet.json()).toEqual({ data: { status: { processedInputIndex: d.status.processedInputIndex } } });

    // Cursor pages: bob's balances one at a time.
    const p1 = await gql(reader, `{ balances(account: "${bob}", first: 1) { nodes { token } pageInfo { endCursor hasNextPage } } }`);
    expect(p1.body.data.balances.pageInfo.hasNextPage).toBe(true);
    const p2 = await gql(reader, `query($after: String) { balances(account: "${bob}", first: 1, after: $after) { nodes { token } pageInfo { hasNextPage } } }`, {
      after: p1.body.data.balances.pageInfo.endCursor,
    });
    expect(p2.body.data.balances.nodes[0].token).not.toBe(p1.body.data.balances.nodes[0].token);
    const s1 = await gql(reader, `{ streams(first: 1) { nodes { id } pageInfo { endCursor hasNextPage } } }`);
    expect(s1.body.data.streams.pageInfo).toEqual({ endCursor: s1.body.data.streams.nodes[0].id, hasNextPage: false });
  });

  it('answers malformed GraphQL and bad arguments with a 4xx and a clear message', async () => {
    const syntax = await gql(reader, '{ streams(first: 1) { nodes { id }');
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors![0]!.message).toContain('Syntax Error');
    const unknownField = await gql(reader, '{ streams { nodes { colour } } }');
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors![0]!.message).toContain('Cannot query field "colour"');
    const badAddress = await gql(reader, '{ streams(sender: "alice") { nodes { id } } }');
    expect(badAddress.status).toBe(400);
    expect(badAddress.body.errors![0]).toMatchObject({ message: 'The sender "alice" is not an address.', extensions: { code: 'INVALID_PARAMETER' } });
    const badFirst = await gql(reader, '{ orders(first: 100000) { nodes { id } } }');
    expect(badFirst.status).toBe(400);
    expect(badFirst.body.errors![0]!.message).toContain('first must be from 1 to 500');
    const greedy = await gql(reader, `{ ${Array.from({ length: 17 }, (_, k) => `s${k}: streams(first: 500) { nodes { id } }`).join(' ')} }`);
    expect(greedy.status).toBe(400);
    expect(greedy.body.errors![0]!.message).toBe('A query may ask for at most 16 root fields (aliases included); this one asks for 17.');
    const badTime = await gql(reader, '{ pools(at: -5) { reserveA } }');
    expect(badTime.status).toBe(400);
    expect(badTime.body.errors![0]!.message).toContain('UnixTime');
  });

  afterAll(async () => {
    await reader?.stop();
  });
});
