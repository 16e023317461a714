import http from 'node:http';
import { z } from 'zod';
import type { Address, Hex } from 'viem';
import { makeOutput } from '../chain/outputs.js';
import { HttpError, readBody, sendInternalError, sendJson, sendText } from '../http/util.js';
import { RequestError, type RollupEngine } from './RollupEngine.js';

const hex = z.string().regex(/^0x([0-9a-fA-F]{2})*$/, 'payload must be 0x-prefixed hex of even length');
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'address not valid');
const payloadBody = z.object({ payload: hex });
const voucherBody = z.object({ destination: address, value: z.string().regex(/^0x[0-9a-fA-F]{1,64}$/, 'value not valid'), payload: hex });
const dcvBody = z.object({ destination: address, payload: hex });
const finishBody = z.object({ status: z.string() });

/**
 * The Rollup HTTP API v2 as the back-end sees it (reference §1): /finish (long-poll, 202 on timeout), /voucher,
 * /delegate-call-voucher, /notice (201 {index}), /report and /exception (202). Errors are 4xx text/plain.
 */
export function createRollupHttpServer(engine: RollupEngine): http.Server {
  return http.createServer((req, res) => {
    handle(engine, req, res).catch((err: unknown) => {
      if (res.headersSent) return;
      if (err instanceof HttpError) sendText(res, err.status, err.message);
      else if (err instanceof RequestError) sendText(res, 400, err.message);
      else sendInternalError(res, `Rollup HTTP API ${req.url ?? ''}`, err);
    });
  });
}

async function handle(engine: RollupEngine, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'POST') throw new HttpError(405, 'method not allowed');
  const ctype = req.headers['content-type'] ?? '';
  if (!ctype.includes('application/json')) throw new HttpError(415, 'Content-Type must be application/json');
  const raw = await readBody(req);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid JSON body');
  }
  const parse = <T>(schema: z.ZodType<T>): T => {
    const r = schema.safeParse(json);
    if (!r.success) throw new HttpError(400, r.error.issues.map((i) => i.message).join('; '));
    return r.data;
  };
  switch (req.url) {
    case '/finish': {
      const { status } = parse(finishBody);
      if (status !== 'accept' && status !== 'reject') throw new HttpError(400, "status must be 'accept' or 'reject'");
      const request = await engine.finish(status, (cancel) => {
        res.on('close', () => {
          if (!res.writableEnded) cancel();
        });
      });
      if (res.destroyed) return;
      if (request) sendJson(res, 200, request);
      else sendText(res, 202, 'no rollup request available');
      return;
    }
    case '/notice': {
      const { payload } = parse(payloadBody);
      sendJson(res, 201, { index: engine.addOutput(makeOutput('Notice', payload as Hex)) });
      return;
    }
    case '/voucher': {
      const b = parse(voucherBody);
      sendJson(res, 201, { index: engine.addOutput(makeOutput('Voucher', b.payload as Hex, b.destination as Address, BigInt(b.value))) });
      return;
    }
    case '/delegate-call-voucher': {
      const b = parse(dcvBody);
      sendJson(res, 201, { index: engine.addOutput(makeOutput('DelegateCallVoucher', b.payload as Hex, b.destination as Address)) });
      return;
    }
    case '/report': {
      engine.addReport(parse(payloadBody).payload as Hex);
      res.writeHead(202).end();
      return;
    }
    case '/exception': {
      engine.exception(parse(payloadBody).payload as Hex);
      res.writeHead(202).end();
      return;
    }
    case '/gio':
      throw new HttpError(400, 'gio is not supported by this node');
    default:
      throw new HttpError(404, 'not found');
  }
}
