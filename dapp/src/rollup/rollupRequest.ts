import { z } from 'zod';

const hex = z.string().regex(/^0x([0-9a-fA-F]{2})*$/);

/** What POST /finish returns (Rollup HTTP API v2): numbers are JSON numbers, addresses lowercase hex. */
export const rollupRequestSchema = z.discriminatedUnion('request_type', [
  z.object({
    request_type: z.literal('advance_state'),
    data: z.object({
      metadata: z.object({
        chain_id: z.number().int(),
        app_contract: hex,
        msg_sender: hex,
        block_number: z.number().int(),
        block_timestamp: z.number().int().nonnegative(),
        prev_randao: hex,
        input_index: z.number().int().nonnegative(),
      }),
      payload: hex,
    }),
  }),
  z.object({ request_type: z.literal('inspect_state'), data: z.object({ payload: hex }) }),
]);

export type RollupRequest = z.infer<typeof rollupRequestSchema>;
export type AdvanceRequest = Extract<RollupRequest, { request_type: 'advance_state' }>;
