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
  const refused = messages.map((m) => !everything && !(m && typeof m === 'object' && typeof m.method === 'string' && isOpenMethod(m.method)));
  if (!refused.includes(true)) {
    // anvil_setBalance and the like change the chain without a block: tell the chain saver.
    if (messages.some((m) => !(m && typeof m === 'object' && typeof m.method === 'string' && isOpenMethod(m.method)))) onChainWrite?.();
    await forward(anvilUrl, body, res);
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
    const upstream = await fetchChain(anvilUrl, JSON.stringify(allowed));
    const parsed = JSON.parse(upstream.text.toString('utf8')) as unknown;
    answers = Array.isArray(parsed) ? parsed : [parsed];
  }
  // anvil answers a batch in request order; the refused calls get their errors in their own places.
  let next = 0;
  const out = messages.map((m, i) => (refused[i] ? refusal(m) : answers[next++]));
  sendJson(res, 200, batch ? out : out[0]);
}

async function forward(anvilUrl: string, body: Buffer, res: http.ServerResponse): Promise<void> {
  const { status, text } = await fetchChain(anvilUrl, body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': text.length });
  res.end(text);
}

async function fetchChain(anvilUrl: string, body: Buffer | string): Promise<{ status: number; text: Buffer }> {
  let upstream: Response;
  try {
    upstream = await fetch(anvilUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  } catch {
    throw new HttpError(502, 'the chain (anvil) is not answering');
  }
  return { status: upstream.status, text: Buffer.from(await upstream.arrayBuffer()) };
}
