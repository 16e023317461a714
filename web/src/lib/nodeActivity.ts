import type { Hex } from 'viem';
import type { InputStage } from './inputLifecycle.js';

/** What the node says about one input (cartesi_listInputs), with the app's words when it was not accepted. */
export interface NodeInput {
  index: bigint;
  status: string;
  txHash: Hex;
  /** block timestamp in seconds (chain time) */
  timestamp: bigint;
  label: string;
  /** the rejection message from the input's reports ('' when none) */
  message: string;
}

/** The shape the activity list renders; `source` says where a row came from. */
export interface ActivityRow {
  key: string;
  label: string;
  createdAt: number;
  stage: InputStage;
  l1Only?: boolean | undefined;
  error?: string | undefined;
  source: 'browser' | 'node';
}

/** A node input's stage in the same lifecycle as the inputs this browser follows itself. */
export function stageFromNode(n: NodeInput): InputStage {
  const base = { txHash: n.txHash, inputIndex: n.index };
  if (n.status === 'ACCEPTED') return { stage: 'accepted', ...base };
  if (n.status === 'NONE') return { stage: 'queued', ...base };
  if (n.status === 'REJECTED') return { stage: 'rejected', ...base, message: n.message };
  return { stage: 'exception', ...base, message: n.message || n.status };
}

const indexOf = (s: InputStage) => ('inputIndex' in s ? s.inputIndex : undefined);
const TERMINAL = new Set(['accepted', 'rejected', 'exception']);

/**
 * This browser's items and the node's inputs of the account as one list, newest first. An input
 * known to both keeps the browser's label and takes the node's stage once the node has decided
 * (the browser may have stopped following it, e.g. after a reload).
 */
export function mergeActivity(local: readonly Omit<ActivityRow, 'source'>[], node: readonly NodeInput[]): ActivityRow[] {
  const byIndex = new Map(node.map((n) => [n.index, n]));
  const seen = new Set<bigint>();
  const rows: ActivityRow[] = local.map((item) => {
    const index = indexOf(item.stage);
    const known = index === undefined ? undefined : byIndex.get(index);
    if (index !== undefined) seen.add(index);
    if (known && !TERMINAL.has(item.stage.stage)) {
      const stage = stageFromNode(known);
      if (TERMINAL.has(stage.stage)) return { ...item, stage, source: 'browser' as const };
    }
    return { ...item, source: 'browser' as const };
  });
  for (const n of node) {
    if (seen.has(n.index)) continue;
    rows.push({ key: `node-${n.index}`, label: n.label, createdAt: Number(n.timestamp) * 1000, stage: stageFromNode(n), source: 'node' });
  }
  return rows.sort((a, b) => b.createdAt - a.createdAt);
}
