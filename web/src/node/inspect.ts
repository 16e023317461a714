import { errorViewSchema } from '@streamswap/protocol';
import { hexToString, type Hex } from 'viem';
import { z } from 'zod';
import { inspectUrl } from '../config/env.js';

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

/** POSTs the raw UTF-8 route to /inspect/<app>, decodes the one report and validates it with the view's schema. */
export async function inspect<T>(application: string, route: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const response = await fetch(inspectUrl(application), { method: 'POST', body: route, headers: { 'Content-Type': 'text/plain' }, signal: signal ?? null });
  if (!response.ok) throw new Error(`Inspect of "${route}" answered HTTP ${response.status}.`);
  const body = responseSchema.parse(await response.json());
  const report = body.reports[0];
  if (!report) throw new Error(`Inspect of "${route}" returned no report (status ${body.status}).`);
  const json: unknown = JSON.parse(hexToString(report.payload as Hex));
  const error = errorViewSchema.safeParse(json);
  if (error.success) throw new InspectError(error.data.error.code, error.data.error.message);
  return schema.parse(json);
}
