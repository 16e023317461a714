/**
 * The lifecycle of one input sent through the InputBox or a portal. A Cartesi write has more states
 * than a dapp write; "done" is only `accepted` (or a terminal failure), never the L1 confirmation.
 */
export type InputStage =
  | { stage: 'wallet' }
  | { stage: 'rejectedByWallet' }
  | { stage: 'submitted'; txHash: `0x${string}` }
  | { stage: 'failed'; txHash: `0x${string}` }
  | { stage: 'queued'; txHash: `0x${string}`; inputIndex: bigint }
  | { stage: 'processing'; txHash: `0x${string}`; inputIndex: bigint }
  | { stage: 'accepted'; txHash: `0x${string}`; inputIndex: bigint }
  | { stage: 'rejected'; txHash: `0x${string}`; inputIndex: bigint; message: string; raw?: string }
  | { stage: 'exception'; txHash: `0x${string}`; inputIndex: bigint; message: string; raw?: string };

export type InputEvent =
  | { type: 'signed'; txHash: `0x${string}` }
  | { type: 'walletRejected' }
  | { type: 'mined'; success: boolean; inputIndex: bigint | null }
  /** the node's view: status NONE until processed; processedCount from inspect/getProcessedInputCount */
  | { type: 'nodeStatus'; status: string; processedCount?: bigint; message?: string; raw?: string };

const TERMINAL = new Set(['rejectedByWallet', 'failed', 'accepted', 'rejected', 'exception']);

export function isTerminal(s: InputStage): boolean {
  return TERMINAL.has(s.stage);
}

/** Pure transition function; events that do not apply to the current stage leave it unchanged. */
export function nextStage(s: InputStage, e: InputEvent): InputStage {
  switch (s.stage) {
    case 'wallet':
      if (e.type === 'signed') return { stage: 'submitted', txHash: e.txHash };
      if (e.type === 'walletRejected') return { stage: 'rejectedByWallet' };
      return s;
    case 'submitted':
      if (e.type !== 'mined') return s;
      if (!e.success) return { stage: 'failed', txHash: s.txHash };
      // mined without an InputAdded event we can read: treat as confirmed but unknown index (stay submitted-ish)
      if (e.inputIndex === null) return { stage: 'failed', txHash: s.txHash };
      return { stage: 'queued', txHash: s.txHash, inputIndex: e.inputIndex };
    case 'queued':
    case 'processing': {
      if (e.type !== 'nodeStatus') return s;
      const base = { txHash: s.txHash, inputIndex: s.inputIndex };
      if (e.status === 'ACCEPTED') return { stage: 'accepted', ...base };
      const raw = e.raw !== undefined ? { raw: e.raw } : {};
      if (e.status === 'REJECTED') return { stage: 'rejected', ...base, message: e.message ?? '', ...raw };
      if (e.status === 'NONE') {
        // the node is working on it once everything before it is processed
        if (e.processedCount !== undefined && e.processedCount >= s.inputIndex) return { stage: 'processing', ...base };
        return s;
      }
      return { stage: 'exception', ...base, message: e.message ?? e.status, ...raw };
    }
    default:
      return s;
  }
}
