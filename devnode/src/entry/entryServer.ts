import http from 'node:http';
import type { Hex } from 'viem';
import type { AddressBook } from '@streamswap/protocol';
import { HttpError, readBody, sendInternalError, sendJson, sendText } from '../http/util.js';
import { proxyAnvil } from './anvilProxy.js';
import type { TrustedOrigins } from './originPolicy.js';
import { handleRpc, type RpcContext } from '../rpc/jsonRpc.js';
import type { RollupEngine } from '../rollup/RollupEngine.js';

export interface EntryContext extends RpcContext {
  anvilUrl: string;
  engine: RollupEngine;
  addressBook(): AddressBook;
  /** Origins (the web app's) that may use anvil's cheat and signing methods through /anvil. */
  trustedOrigins: TrustedOrigins;
  onChainWrite?: () => void;
}

/** Body limits: /rpc as the rollups-node (1 MiB); an inspect payload is a short route. */
const RPC_BODY_LIMIT = 1024 * 1024;
const INSPECT_BODY_LIMIT = 2 * 1024 * 1024;

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization',
  'Access-Control-Max-Age': '86400',
};

/**
 * The single entry point, like `cartesi run`'s proxy (reference §7): POST /anvil (chain JSON-RPC), POST /rpc
 * (rollups-node JSON-RPC), POST /inspect/<name|address> (raw body), GET /addresses. CORS is open (every route can be
 * read from any origin), but /anvil serves the methods that change the chain only to the app's origin (anvilProxy).
 * Bodies over a route's limit get 413; errors nobody expected are logged and answered without their text.
 */
export function createEntryServer(ctx: EntryContext): http.Server {
  return http.createServer((req, res) => {
    for (const [k, v] of Object.entries(CORS)) res.setHeader(k, v);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    route(ctx, req, res).catch((err: unknown) => {
      if (res.headersSent) return;
      if (err instanceof HttpError) sendText(res, err.status, err.message);
      else sendInternalError(res, `${req.method ?? ''} ${req.url ?? ''}`, err);
    });
  });
}

async function route(ctx: EntryContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path === '/anvil' || path.startsWith('/anvil/')) {
    if (req.method !== 'POST') throw new HttpError(405, 'method not allowed');
    await proxyAnvil(ctx.anvilUrl, ctx.trustedOrigins, req, res, ctx.onChainWrite);
    return;
  }
  if (path === '/rpc') {
    if (req.method !== 'POST') throw new HttpError(405, 'method not allowed');
    const body = await readBody(req, RPC_BODY_LIMIT);
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      sendJson(res, 400, { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
      return;
    }
    sendJson(res, 200, handleRpc(ctx, json));
    return;
  }
  if (path.startsWith('/inspect/')) {
    if (req.method !== 'POST') throw new HttpError(405, 'method not allowed: inspect is POST /inspect/<application> with the raw payload as body');
    const target = decodeURIComponent(path.slice('/inspect/'.length));
    const book = ctx.addressBook();
    if (target !== book.applicationName && target.toLowerCase() !== book.application.toLowerCase()) throw new HttpError(404, 'Application not found');
    const body = await readBody(req, INSPECT_BODY_LIMIT);
    const payload = `0x${body.toString('hex')}` as Hex;
    let result;
    try {
      result = await ctx.engine.inspect(payload);
    } catch (err) {
      throw new HttpError(503, String(err instanceof Error ? err.message : err));
    }
    const exception = result.exception_payload ? Buffer.from(result.exception_payload.slice(2), 'hex').toString('utf8') : undefined;
    sendJson(res, 200, { ...result, ...(exception !== undefined ? { exception } : {}) });
    return;
  }
  if (path === '/addresses') {
    if (req.method !== 'GET') throw new HttpError(405, 'method not allowed');
    sendJson(res, 200, ctx.addressBook());
    return;
  }
  if (path === '/' || path === '/livez' || path === '/healthz') {
    sendJson(res, 200, { ok: true, routes: ['/anvil', '/rpc', '/inspect/<application>', '/addresses'] });
    return;
  }
  throw new HttpError(404, 'not found');
}
