import { z } from 'zod';
import { addressSchema, amountSchema, timeSchema } from './schemas.js';

/** Adding and removing liquidity report the same figures. */
const liquidityChange = {
  provider: addressSchema,
  tokenA: addressSchema,
  tokenB: addressSchema,
  amountA: amountSchema,
  amountB: amountSchema,
  liquidity: amountSchema,
};

/**
 * Every accepted input posts one notice whose payload is the UTF-8 JSON of one of these
 * (amounts and ids as decimal strings), describing what the input did.
 */
export const noticeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deposited'), token: addressSchema, account: addressSchema, amount: amountSchema }),
  z.object({ kind: z.literal('transferred'), token: addressSchema, from: addressSchema, to: addressSchema, amount: amountSchema }),
  z.object({
    kind: z.literal('streamOpened'),
    streamId: amountSchema,
    token: addressSchema,
    sender: addressSchema,
    receiver: addressSchema,
    amount: amountSchema,
    start: timeSchema,
    duration: timeSchema,
  }),
  z.object({ kind: z.literal('streamCanceled'), streamId: amountSchema, streamed: amountSchema, refunded: amountSchema }),
  z.object({ kind: z.literal('withdrawn'), token: addressSchema, account: addressSchema, amount: amountSchema }),
  z.object({ kind: z.literal('liquidityAdded'), ...liquidityChange }),
  z.object({ kind: z.literal('liquidityRemoved'), ...liquidityChange }),
  z.object({
    kind: z.literal('swapped'),
    account: addressSchema,
    tokenIn: addressSchema,
    tokenOut: addressSchema,
    amountIn: amountSchema,
    amountOut: amountSchema,
  }),
  z.object({
    kind: z.literal('orderPlaced'),
    orderId: amountSchema,
    owner: addressSchema,
    tokenIn: addressSchema,
    tokenOut: addressSchema,
    amountIn: amountSchema,
    start: timeSchema,
    duration: timeSchema,
  }),
  z.object({ kind: z.literal('orderCanceled'), orderId: amountSchema, refunded: amountSchema, proceeds: amountSchema }),
]);
export type Notice = z.infer<typeof noticeSchema>;
