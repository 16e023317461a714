import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { expectsAnswer, ipcRequest } from '../chain/anvilIpc.js';
import { JsonValueSplitter } from '../chain/jsonValueSplitter.js';
import { HttpError, sendInternalError, sendText } from '../http/util.js';
import { ANVIL_BODY_LIMIT, isOpenCall, serveChainRpc, type ChainUpstream } from './anvilProxy.js';
import type { TrustedOrigins } from './originPolicy.js';

/**
 * The chain port (127.0.0.1:8545 by default) when anvil runs isolated and only answers on its IPC socket
 * (chain/isolatedAnvil.ts). Everything that used anvil's own port works unchanged: deploy scripts, viem clients over
 * HTTP and WebSocket, the chain saver (anvil_dumpState), cast. What a page from another origin can do here:
 * - HTTP POST: the same as through /anvil (entry/anvilProxy.ts): standard methods only, the rest answered with 4100 and
 *   never forwarded. This also covers the "simple" cross-origin POST a page can send without a preflight (Content-Type
 *   text/plain, which anvil itself accepts as JSON). No CORS headers, as anvil's own `--no-cors`: a page cannot read
 *   any answer from this port.
 * - WebSocket: refused with 403. Browsers send Origin on every WebSocket handshake and apply no CORS to it, so the
 *   handshake's Origin is the only thing that tells a page from a script; connections without Origin (the node's own
 *   subscription, scripts, cast) or from the app's own origins are accepted, each piped to an IPC connection of its own
 *   (so eth_subscribe and its notifications work as on anvil's WebSocket).
 */
export interface ChainPortBridge {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startChainPortBridge(opts: {
  ipcPath: string;
  port: number;
  host?: string;
  trusted: TrustedOrigins;
  /** Called when a call that may change the chain without a block (anvil_*, evm_*) went through: the saver saves. */
  onChainWrite?: () => void;
}): Promise<ChainPortBridge> {
  const upstream = ipcUpstream(opts.ipcPath);
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST') {
      sendText(res, 405, 'the chain answers JSON-RPC over POST or WebSocket');
      return;
    }
    serveChainRpc(upstream, opts.trusted, req, res, opts.onChainWrite).catch((err: unknown) => {
      if (res.headersSent) return;
      if (err instanceof HttpError) sendText(res, err.status, err.message);
      else sendInternalError(res, `chain port ${req.method ?? ''} ${req.url ?? ''}`, err);
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: ANVIL_BODY_LIMIT });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const origin = req.headers.origin;
    if (!opts.trusted.mayUseEverything(origin)) {
      const text = `WebSocket connections from origin ${origin} are refused: the chain's WebSocket is served only to the app's own origin and to non-browser clients\n`;
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => pipeToIpc(ws, opts.ipcPath, opts.onChainWrite));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

const INVALID_REQUEST = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid request' } }));

/** Chain JSON-RPC over the IPC socket, answered as anvil's HTTP server answers it. */
function ipcUpstream(ipcPath: string): ChainUpstream {
  return async (body, json) => {
    // Only JSON objects (or batches of them) reach anvil: it answers a bare value such as `null` more than once, which
    // must never happen on a connection that waits for one answer. anvil's HTTP server gives them this same error.
    const messages = Array.isArray(json) ? json : [json];
    if (messages.length === 0 || !messages.every((m) => typeof m === 'object' && m !== null && !Array.isArray(m))) return { status: 200, body: INVALID_REQUEST };
    const answer = await ipcRequest(ipcPath, body, expectsAnswer(json));
    return answer === null ? { status: 204, body: Buffer.alloc(0) } : { status: 200, body: answer };
  };
}

/** One accepted WebSocket, one IPC connection: each message goes to anvil, each JSON value anvil sends comes back as a message. */
function pipeToIpc(ws: WebSocket, ipcPath: string, onChainWrite?: () => void): void {
  const ipc = net.connect(ipcPath);
  const splitter = new JsonValueSplitter();
  const pending: string[] = []; // messages that arrive before the IPC connection is up
  let connected = false;
  ipc.on('connect', () => {
    connected = true;
    for (const m of pending.splice(0)) ipc.write(m);
  });
  ipc.on('data', (chunk: Buffer) => {
    for (const value of splitter.push(chunk)) if (ws.readyState === ws.OPEN) ws.send(value);
  });
  ipc.on('error', () => ws.close(1011, 'the chain (anvil) is not answering'));
  ipc.on('close', () => {
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1011, 'the chain (anvil) closed the connection');
  });
  ws.on('message', (data) => {
    const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer)).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }));
      return;
    }
    // Each message is exactly one JSON value on the stream, so a malformed message never runs into the next one.
    if (typeof json !== 'object' || json === null) {
      ws.send(INVALID_REQUEST.toString('utf8'));
      return;
    }
    if (!(Array.isArray(json) ? json : [json]).every(isOpenCall)) onChainWrite?.();
    const line = `${text.trim()}\n`;
    if (connected) ipc.write(line);
    else pending.push(line);
  });
  ws.on('close', () => ipc.destroy());
  ws.on('error', () => ipc.destroy());
}
