import type { Address } from 'viem';
import { rejectionFromReportsWords } from '../lib/reportMessage.js';
import type { RejectionWords, TokenLookup } from '../lib/rejectionWords.js';
import { isTerminal, nextStage, type InputStage } from '../lib/inputLifecycle.js';

const POLL_MS = 1_000;
/** Give up following after this long; the item keeps its last stage and the user can look again later. */
const GIVE_UP_MS = 10 * 60_000;

/** The app's rejection from the reports of an input, in words with the tokens' symbols. */
async function rejection(application: Address, inputIndex: bigint, token: TokenLookup | undefined): Promise<RejectionWords | null> {
  const { rpcClient } = await import('../node/rpc.js');
  const reports = await rpcClient.listReports({ application, inputIndex, limit: 10 });
  return rejectionFromReportsWords(reports.data.map((r) => r.rawData), token);
}

/** Follows a mined input through the rollups-node JSON-RPC until it is processed. */
export async function followInput(application: Address, start: InputStage, onStage: (s: InputStage) => void, token?: TokenLookup): Promise<InputStage> {
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
        const words = await rejection(application, inputIndex, token);
        next = nextStage(stage, { type: 'nodeStatus', status: input.status, message: words?.sentence || input.status, ...(words ? { raw: `${words.code}: ${words.raw}` } : {}) });
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
