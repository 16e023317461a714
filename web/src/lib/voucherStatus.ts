/**
 * A withdrawal voucher's lifecycle on L1: its proof exists once the epoch's claim is computed, it
 * can be executed once the claim is accepted (validateOutput passes), and executed exactly once.
 */
export type VoucherStatus = 'proofPending' | 'ready' | 'executing' | 'executed';

export interface VoucherFacts {
  hasProof: boolean;
  /** Application.wasOutputExecuted */
  executed: boolean;
  /** a transaction of ours is in flight */
  executing: boolean;
  /** Application.validateOutput succeeded (the claim is accepted on L1); undefined = not checked yet */
  valid?: boolean | undefined;
}

export function voucherStatus(f: VoucherFacts): VoucherStatus {
  if (f.executed) return 'executed';
  if (f.executing) return 'executing';
  if (!f.hasProof || f.valid === false) return 'proofPending';
  return 'ready';
}
