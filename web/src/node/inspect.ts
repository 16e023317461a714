import { errorViewSchema } from '@streamswap/protocol';
import { hexToString, type Hex } from 'viem';
import { z } from 'zod';
import { inspectUrl } from '../config/env.js';
import { markReaderDown, readerAvailable, readerGet } from './reader.js';
import { readerWatch, readFloor } from './readerProgress.js';

/** An inspect answer that was a well-formed application error (UNKNOWN_ROUTE, PAIR_NOT_FOUND...). */
export class InspectError extends Error {
  override readonly name = 'InspectError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const responseSchema = z.object({
  status: z.string(),
  reports: z.array(z.object({ payload: z.string() })),
  processed_input_count: z.number().optional(),
});

/**
 * Reads one inspect route: from the reader (GET, cached) when one is configured and reachable, otherwise from the
 * node's inspect. The answer is validated with the view's schema either way; application errors throw InspectError.
 * `readKey` names the query the answer is shown for (the route without its `at=`): a reader answer from before what
 * that query already showed, or from before an input the node reported processed to this page, is not used (reads
 * never go backwards); that read goes to the node's inspect instead.
 */
export async function inspect<T>(application: string, route: string, schema: z.ZodType<T>, signal?: AbortSignal, readKey?: string): Promise<T> {
  if (readerAvailable()) {
    let answer;
    try {
      answer = await readerGet(route, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      markReaderDown();
    }
    if (answer?.index !== undefined) readerWatch.observe(answer.index);
    if (answer !== undefined && (answer.index === undefined || readFloor.accepts(readKey, answer.index))) {
      const error = errorViewSchema.safeParse(answer.json);
      // A record the reader does not have yet may come from an input it has not replayed: the node decides.
      if (!error.success) {
        const view = schema.parse(answer.json);
        if (answer.index !== undefined) readFloor.shown(readKey, answer.index);
        return view;
      }
      if (!error.data.error.code.endsWith('_NOT_FOUND')) throw new InspectError(error.data.error.code, error.data.error.message);
    }
  }
  return nodeInspect(route, application, schema, signal, readKey);
}

/** POSTs the raw UTF-8 route to the node's /inspect/<app>, decodes the one report and validates it with the view's schema. */
async function nodeInspect<T>(route: string, application: string, schema: z.ZodType<T>, signal?: AbortSignal, readKey?: string): Promise<T> {
  const response = await fetch(inspectUrl(application), { method: 'POST', body: route, headers: { 'Content-Type': 'text/plain' }, signal: signal ?? null });
  if (!response.ok) throw new Error(`Inspect of "${route}" answered HTTP ${response.status}.`);
  const body = responseSchema.parse(await response.json());
  const report = body.reports[0];
  if (!report) throw new Error(`Inspect of "${route}" returned no report (status ${body.status}).`);
  const json: unknown = JSON.parse(hexToString(report.payload as Hex));
  const error = errorViewSchema.safeParse(json);
  if (error.success) throw new InspectError(error.data.error.code, error.data.error.message);
  const view = schema.parse(json);
  // the node's answer reflects its processed inputs: a later reader answer for this query may not show less
  if (body.processed_input_count !== undefined) readFloor.shown(readKey, body.processed_input_count - 1);
  return view;
}
