import { noticeSchema, orderViewSchema, streamViewSchema, type Notice } from '@streamswap/protocol';
import { hexToString, type Address } from 'viem';
import { outcomeFromNotice, type OutcomeTokens } from '../lib/noticeOutcome.js';
import type { TokenLookup } from '../lib/rejectionWords.js';
import { inspect } from '../node/inspect.js';

/** The notices an accepted input posted, parsed; those that are not the app's shapes are skipped. */
async function noticesOf(application: Address, inputIndex: bigint): Promise<Notice[]> {
  const { rpcClient } = await import('../node/rpc.js');
  const list = await rpcClient.listOutputs({ application, inputIndex, outputType: 'Notice', limit: 10 } as never);
  const notices: Notice[] = [];
  for (const output of list.data) {
    const payload = output.decodedData && 'payload' in output.decodedData ? output.decodedData.payload : null;
    if (!payload) continue;
    try {
      const parsed = noticeSchema.safeParse(JSON.parse(hexToString(payload)));
      if (parsed.success) notices.push(parsed.data);
    } catch {
      // not JSON: not one of ours
    }
  }
  return notices;
}

/** A cancel's notice names only an id: the token comes from the stream or order record. */
async function tokensFor(applicationName: string, notice: Notice): Promise<OutcomeTokens> {
  if (notice.kind === 'streamCanceled') return { token: (await inspect(applicationName, `stream/${notice.streamId}`, streamViewSchema)).token };
  if (notice.kind === 'orderCanceled') {
    const order = await inspect(applicationName, `order/${notice.orderId}`, orderViewSchema);
    return { token: order.tokenIn, tokenOut: order.tokenOut };
  }
  return {};
}

/** What an accepted input did, in words from its notice; null when it posted none we can read. */
export async function inputOutcome(application: Address, applicationName: string, inputIndex: bigint, token: TokenLookup): Promise<string | null> {
  try {
    const [notice] = await noticesOf(application, inputIndex);
    if (!notice) return null;
    return outcomeFromNotice(notice, token, await tokensFor(applicationName, notice).catch(() => ({})));
  } catch {
    return null;
  }
}
