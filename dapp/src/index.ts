export * from './storage/SqlDatabase.js';
export { openDatabase, sqliteBinding } from './storage/openDatabase.js';
export { stateDigest } from './storage/stateDigest.js';
export * from './ledger/index.js';
export { Amm } from './amm/Amm.js';
export type { HistoryPoint, OrderRecord, PoolSnapshot, Quote } from './amm/types.js';
export { StreamSwapApp, defaultAppConfig, type AppConfig, type AdvanceResult, type InputContext } from './app/StreamSwapApp.js';
export type { Voucher } from './app/withdrawalVoucher.js';
export { inspectRoute } from './inspect/inspectRoute.js';
