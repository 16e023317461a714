import net from 'node:net';

export interface Load {
  rps: number;
  p95Ms: number;
  errors: number;
}

/**
 * `clients` keep-alive HTTP/1.1 connections, each sending its next request as soon as the previous answer is complete,
 * for `seconds` (after a 1 s warm-up). A minimal client on raw sockets (Content-Length and chunked bodies), so the
 * load generator's own cost stays small beside the server's on a shared 2-core machine; both servers get the same one.
 */
export async function rawLoad(host: string, port: number, request: (k: number) => string, clients: number, seconds: number): Promise<Load> {
  const latencies: number[] = [];
  let errors = 0;
  let measuring = false;
  let running = true;
  const sockets: net.Socket[] = [];

  const client = (c: number) =>
    new Promise<void>((resolve) => {
      let k = c;
      let buffer = Buffer.alloc(0);
      let began = 0;
      const socket = net.connect({ host, port, noDelay: true });
      sockets.push(socket);
      const send = () => {
        if (!running) {
          socket.end();
          return resolve();
        }
        began = performance.now();
        socket.write(request(k));
        k += clients;
      };
      socket.on('connect', send);
      socket.on('error', () => {
        if (measuring) errors += 1;
        resolve();
      });
      socket.on('close', () => resolve());
      socket.on('data', (chunk) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
        for (;;) {
          const end = complete(buffer);
          if (end === null) return;
          const status = Number(buffer.subarray(9, 12).toString('latin1'));
          buffer = buffer.subarray(end.length);
          if (measuring) {
            if (status === 200) latencies.push(performance.now() - began);
            else errors += 1;
          }
          send();
        }
      });
    });

  const all = Array.from({ length: clients }, (_, c) => client(c));
  await new Promise((r) => setTimeout(r, 1_000));
  measuring = true;
  const began = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1_000));
  measuring = false;
  const elapsed = (performance.now() - began) / 1_000;
  running = false;
  await Promise.race([Promise.all(all), new Promise((r) => setTimeout(r, 30_000))]);
  for (const s of sockets) s.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(latencies.length / elapsed),
    p95Ms: Number((latencies[Math.floor(latencies.length * 0.95)] ?? Number.NaN).toFixed(2)),
    errors,
  };
}

/** The length of the first complete response in `buffer`, or null while it is incomplete. */
function complete(buffer: Buffer): { length: number } | null {
  const headEnd = buffer.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const head = buffer.subarray(0, headEnd).toString('latin1').toLowerCase();
  const bodyStart = headEnd + 4;
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
  if (length) {
    const end = bodyStart + Number(length[1]);
    return buffer.length >= end ? { length: end } : null;
  }
  if (/\r\ntransfer-encoding:\s*chunked/.test(head)) {
    let at = bodyStart;
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', at);
      if (lineEnd < 0) return null;
      const size = Number.parseInt(buffer.subarray(at, lineEnd).toString('latin1'), 16);
      at = lineEnd + 2 + size + 2;
      if (buffer.length < at) return null;
      if (size === 0) return { length: at };
    }
  }
  return { length: bodyStart }; // 304 and friends: no body
}
