import type { Address } from 'viem';
import { rejectionFromReports } from '../lib/reportMessage.js';
import { isTerminal, nextStage, type InputStage } from '../lib/inputLifecycle.js';

const POLL_MS = 1_000;
/** Give up following after this long; the item keeps its last stage and the user can look again later. */
const GIVE_UP_MS = 10 * 60_000;

/** The app's message from the reports of a rejected input, in words. */
async function rejectionMessage(application: Address, inputIndex: bigint): Promise<string> {
  const { rpcClient } = await import('../node/rpc.js');
  const reports = await rpcClient.listReports({ application, inputIndex, limit: 10 });
  return rejectionFromReports(reports.data.map((r) => r.rawData));
}

/** Follows a mined input through the rollups-node JSON-RPC until it is processed. */
export async function followInput(application: Address, start: InputStage, onStage: (s: InputStage) => void): Promise<InputStage> {
  const { rpcClient } = await import('../node/rpc.js');
  let stage = start;
  const deadline = Date.now() + GIVE_UP_MS;
  while (!isTerminal(stage) && Date.now() < deadline && (stage.stage === 'queued' || stage.stage === 'processing')) {
    const inputIndex = stage.inputIndex;
    try {
      const input = await rpcClient.getInput({ application, inputIndex });
      let next: InputStage;
      if (input.status === 'NONE') {
        const processedCount = await rpcClient.getProcessedInputCount({ application });
        next = nextStage(stage, { type: 'nodeStatus', status: 'NONE', processedCount });
      } else if (input.status === 'ACCEPTED') {
        next = nextStage(stage, { type: 'nodeStatus', status: 'ACCEPTED' });
      } else {
        next = nextStage(stage, { type: 'nodeStatus', status: input.status, message: (await rejectionMessage(application, inputIndex)) || input.status });
      }
      if (next !== stage) {
        stage = next;
        onStage(stage);
      }
    } catch {
      // "Input not found" until the node reads the block: keep polling
    }
    if (!isTerminal(stage)) await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return stage;
}
