import type { StreamSwapApp } from '../app/StreamSwapApp.js';
import { type FinishStatus, RollupServerClient } from './RollupServerClient.js';
import { handleAdvance, handleInspect } from './handleRequest.js';

/** The main loop: finish the previous request, take the next, forever. 202 means "ask again". */
export async function runRollupLoop(app: StreamSwapApp, serverUrl: string, signal?: AbortSignal): Promise<void> {
  const client = new RollupServerClient(serverUrl);
  let status: FinishStatus = 'accept';
  while (!signal?.aborted) {
    const request = await client.finish(status);
    if (request === undefined) continue;
    status =
      request.request_type === 'advance_state'
        ? await handleAdvance(app, client, request)
        : await handleInspect(app, client, request.data.payload as `0x${string}`);
  }
}
