import { createHash } from 'node:crypto';
import { type StreamSwapApp, inspectRoute } from '@streamswap/dapp';
import { AppError } from '@streamswap/protocol';

/** A read answered once and served many times until the next input: its bytes, HTTP status and ETag. */
export interface Answer {
  status: number;
  body: Buffer;
  etag: string;
}

/** HTTP status of an inspect error code: the caller asked for something that does not exist, or asked badly. */
export function httpStatusOf(code: string): number {
  if (code === 'UNKNOWN_ROUTE' || code.endsWith('_NOT_FOUND')) return 404;
  if (code === 'INTERNAL_ERROR') return 500;
  return 400;
}

/**
 * Runs one inspect route through the back-end's own router (dapp's inspectRoute) and returns exactly the JSON the
 * node's inspect would carry in its report, or the same ErrorView with a 4xx status.
 */
export function routeAnswer(app: StreamSwapApp, route: string): Answer {
  let status = 200;
  let json: string;
  try {
    json = JSON.stringify(inspectRoute(app, route));
  } catch (error) {
    const code = error instanceof AppError ? error.code : 'INTERNAL_ERROR';
    const message = error instanceof Error ? error.message : String(error);
    status = httpStatusOf(code);
    json = JSON.stringify({ error: { code, message } });
  }
  const body = Buffer.from(json, 'utf8');
  return { status, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}
