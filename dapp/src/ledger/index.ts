export { Ledger } from './Ledger.js';
export type { BalanceExtension, BalanceSnapshot, StreamPage, StreamRecord } from './types.js';
