import net from 'node:net';
import { HttpError } from '../http/util.js';
import { JsonValueSplitter } from './jsonValueSplitter.js';

/**
 * JSON-RPC over anvil's IPC socket (`anvil --ipc <path>`): a unix socket, so it reaches an anvil that runs in a network
 * namespace of its own (chain/isolatedAnvil.ts). anvil reads JSON values from the stream (with or without newlines
 * between them) and writes one JSON value per request, plus eth_subscription notifications; nothing at all for a
 * notification (a request without "id", or a batch of only those), as its HTTP server answers those with 204.
 */

/** True when anvil answers this request: a single request with an "id", or a batch with at least one. */
export function expectsAnswer(json: unknown): boolean {
  const hasId = (m: unknown) => !isObject(m) || 'id' in m;
  return Array.isArray(json) ? json.length === 0 || json.some(hasId) : hasId(json);
}

/**
 * Sends one request (its exact bytes, already checked to be JSON objects) on a connection of its own and resolves with
 * anvil's answer, or null for a notification. One connection per request: answers never need to be matched to requests,
 * and a connection is never left holding half of an answer (a unix socket connects in microseconds).
 */
export function ipcRequest(ipcPath: string, body: Buffer | string, answered: boolean): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(ipcPath);
    const splitter = new JsonValueSplitter();
    let done = false;
    const finish = (err: Error | null, value: Buffer | null) => {
      if (done) return;
      done = true;
      if (err) reject(err);
      else resolve(value);
    };
    socket.on('connect', () => {
      socket.write(body);
      socket.write('\n');
      if (!answered) {
        // Nothing comes back; half-close so anvil reads the request to its end, and let anvil close the socket.
        socket.end();
        setTimeout(() => socket.destroy(), 5_000).unref();
        finish(null, null);
      }
    });
    socket.on('data', (chunk: Buffer) => {
      for (const value of splitter.push(chunk)) {
        // Answers on this connection belong to this request (it subscribes to nothing, so no notification comes first).
        socket.destroy();
        finish(null, Buffer.from(value, 'utf8'));
        return;
      }
    });
    socket.on('error', () => finish(new HttpError(502, 'the chain (anvil) is not answering'), null));
    socket.on('close', () => finish(new HttpError(502, 'the chain (anvil) closed the connection without an answer'), null));
  });
}

/** Resolves once anvil answers eth_chainId on its socket, or rejects after `timeoutMs` (or when `gaveUp()` says so). */
export async function waitForIpc(ipcPath: string, timeoutMs: number, gaveUp: () => Error | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const failure = gaveUp();
    if (failure) throw failure;
    try {
      const answer = await ipcRequest(ipcPath, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }), true);
      if (answer && isObject(JSON.parse(answer.toString('utf8')))) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`anvil did not answer on its IPC socket ${ipcPath} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
