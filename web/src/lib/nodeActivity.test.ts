import { describe, expect, it } from 'vitest';
import { mergeActivity, stageFromNode, type NodeInput } from './nodeActivity.js';

const tx = '0x01' as const;
const node = (index: bigint, status: string, timestamp: bigint, message = ''): NodeInput => ({ index, status, txHash: tx, timestamp, label: `Input #${index}`, message });

describe('stageFromNode', () => {
  it('maps the node statuses to the lifecycle stages with the app message for rejections', () => {
    expect(stageFromNode(node(3n, 'ACCEPTED', 1n)).stage).toBe('accepted');
    expect(stageFromNode(node(3n, 'NONE', 1n))).toEqual({ stage: 'queued', txHash: tx, inputIndex: 3n });
    expect(stageFromNode(node(3n, 'REJECTED', 1n, 'Not enough available balance in the app.'))).toEqual({ stage: 'rejected', txHash: tx, inputIndex: 3n, message: 'Not enough available balance in the app.' });
    expect(stageFromNode(node(3n, 'EXCEPTION', 1n))).toMatchObject({ stage: 'exception', message: 'EXCEPTION' });
  });
});

describe('mergeActivity', () => {
  it('lists node-only inputs next to local ones, newest first, without duplicating inputs known to both', () => {
    const local = [{ key: 'a', label: 'Deposit 250 tCTSI', createdAt: 2_000_000, stage: { stage: 'accepted' as const, txHash: tx, inputIndex: 5n } }];
    const rows = mergeActivity(local, [node(5n, 'ACCEPTED', 2_000n), node(7n, 'REJECTED', 3_000n, 'no'), node(1n, 'ACCEPTED', 1_000n)]);
    expect(rows.map((r) => r.key)).toEqual(['node-7', 'a', 'node-1']);
    expect(rows[1]).toMatchObject({ label: 'Deposit 250 tCTSI', source: 'browser' });
    expect(rows[0]).toMatchObject({ source: 'node', stage: { stage: 'rejected', message: 'no' } });
  });

  it('takes the node stage for a local input the browser stopped following', () => {
    const local = [{ key: 'a', label: 'Swap', createdAt: 1, stage: { stage: 'queued' as const, txHash: tx, inputIndex: 4n } }];
    expect(mergeActivity(local, [node(4n, 'REJECTED', 1n, 'moved')])[0]!.stage).toEqual({ stage: 'rejected', txHash: tx, inputIndex: 4n, message: 'moved' });
    expect(mergeActivity(local, [node(4n, 'NONE', 1n)])[0]!.stage.stage).toBe('queued');
  });
});
