import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const MAX_BODY = 4 * 1024 * 1024;

/** A body this much over its limit is not drained to answer 413 politely: the connection is cut instead. */
const MAX_DRAIN = 64 * 1024 * 1024;

/**
 * Reads a request body of at most `limit` bytes. A larger body rejects with HttpError 413, but only once the rest of it
 * has been read and discarded: answering while the client is still sending and then closing the socket makes the kernel
 * reset the connection, and the client sees ECONNRESET instead of the 413 (a body beyond MAX_DRAIN is cut, though).
 */
export function readBody(req: http.IncomingMessage, limit = MAX_BODY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length'] ?? NaN);
    let tooLarge = Number.isFinite(declared) && declared > limit;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (size > limit + MAX_DRAIN) req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => (tooLarge ? reject(new HttpError(413, `request body too large (limit ${limit} bytes)`)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: http.ServerResponse, status: number, text: string): void {
  // After a 413 the connection is not reused: the client may not have meant to send that body on it.
  const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) };
  if (status === 413) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}

/**
 * The answer to an error no handler expected: logged in full, answered with a generic 500 so no internal detail (paths,
 * SQL, stack) reaches the client.
 */
export function sendInternalError(res: http.ServerResponse, where: string, err: unknown): void {
  console.error(`[devnode] ${where}: internal error:`, err);
  if (!res.headersSent) sendText(res, 500, 'internal error');
  else res.destroy();
}

/** Listens on host:port (0 = a free port) and returns the bound port. */
export function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
