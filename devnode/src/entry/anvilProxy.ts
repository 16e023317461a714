import type http from 'node:http';
import { HttpError, readBody, sendJson } from '../http/util.js';
import { isOpenMethod, type TrustedOrigins } from './originPolicy.js';

/** /anvil bodies: transactions and calls are far smaller (a max-size contract deployment is under 100 kB of hex). */
export const ANVIL_BODY_LIMIT = 4 * 1024 * 1024;

/** EIP-1193 "Unauthorized": the method exists, but this caller may not use it. */
export const RPC_UNAUTHORIZED = 4100;

interface RpcMessage {
  id?: unknown;
  method?: unknown;
}

/**
 * Where chain JSON-RPC goes: the request's exact bytes (and the same, parsed) in, anvil's HTTP status and body out
 * (204 with an empty body for notifications, as anvil answers them).
 */
export type ChainUpstream = (body: Buffer | string, json: unknown) => Promise<{ status: number; body: Buffer }>;

/** An upstream that POSTs to a chain's HTTP JSON-RPC URL. */
export function httpUpstream(url: string): ChainUpstream {
  return async (body) => {
    let upstream: Response;
    try {
      upstream = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : new Uint8Array(body) });
    } catch {
      throw new HttpError(502, 'the chain (anvil) is not answering');
    }
    return { status: upstream.status, body: Buffer.from(await upstream.arrayBuffer()) };
  };
}

/** True when `m` is a call of a method any origin may use (see originPolicy). */
export function isOpenCall(m: unknown): boolean {
  return !!m && typeof m === 'object' && typeof (m as RpcMessage).method === 'string' && isOpenMethod((m as RpcMessage).method as string);
}

/**
 * POST /anvil: forwards JSON-RPC (single or batch) to the chain, except that calls a page from a foreign origin may not
 * make (see originPolicy) are answered with an error in place, without reaching anvil; the rest of a batch goes through.
 */
export async function proxyAnvil(
  anvilUrl: string,
  trusted: TrustedOrigins,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  onChainWrite?: () => void,
): Promise<void> {
  await serveChainRpc(httpUpstream(anvilUrl), trusted, req, res, onChainWrite);
}

/**
 * Serves one chain JSON-RPC POST with the origin policy: every call for a request without Origin or from a trusted
 * origin; for any other origin the calls it may not make get error 4100 in their place and never reach the chain.
 * Used by /anvil and by the chain port itself (chainPortBridge).
 */
export async function serveChainRpc(
  upstream: ChainUpstream,
  trusted: TrustedOrigins,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  onChainWrite?: () => void,
): Promise<void> {
  const body = await readBody(req, ANVIL_BODY_LIMIT);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    sendJson(res, 400, { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
    return;
  }
  const origin = req.headers.origin;
  const everything = trusted.mayUseEverything(origin);
  const batch = Array.isArray(json);
  const messages = (batch ? json : [json]) as RpcMessage[];
  if (batch && messages.length === 0) {
    sendJson(res, 400, { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid request: empty batch' }, id: null });
    return;
  }
  const refused = messages.map((m) => !everything && !isOpenCall(m));
  if (!refused.includes(true)) {
    // anvil_setBalance and the like change the chain without a block: tell the chain saver.
    if (!messages.every(isOpenCall)) onChainWrite?.();
    const answer = await upstream(body, json);
    res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': answer.body.length });
    res.end(answer.body);
    return;
  }
  const refusal = (m: RpcMessage): unknown => ({
    jsonrpc: '2.0',
    id: m && typeof m === 'object' ? (m.id ?? null) : null,
    error: {
      code: RPC_UNAUTHORIZED,
      message: `${typeof m?.method === 'string' ? m.method : 'this call'} is refused for origin ${origin}: methods that change the chain or make anvil sign are served only to the app's own origin and to non-browser clients`,
    },
  });
  const allowed = messages.filter((_, i) => !refused[i]);
  let answers: unknown[] = [];
  if (allowed.length > 0) {
    const answer = await upstream(JSON.stringify(allowed), allowed);
    const text = answer.body.toString('utf8').trim();
    const parsed = text === '' ? [] : (JSON.parse(text) as unknown); // empty: notifications only (anvil answers 204)
    answers = Array.isArray(parsed) ? parsed : [parsed];
  }
  // anvil answers a batch in request order, leaving out notifications; the refused calls get their errors in their places.
  let next = 0;
  const out = messages.map((m, i) => (refused[i] ? refusal(m) : isNotification(m) ? undefined : answers[next++])).filter((a) => a !== undefined);
  if (out.length === 0) res.writeHead(204).end();
  else sendJson(res, 200, batch ? out : out[0]);
}

function isNotification(m: unknown): boolean {
  return !!m && typeof m === 'object' && !('id' in m);
}
