export * from './storage/SqlDatabase.js';
export { openDatabase } from './storage/openDatabase.js';
export { stateDigest } from './storage/stateDigest.js';
export * from './ledger/index.js';
