export * from './storage/SqlDatabase.js';
export { openDatabase } from './storage/openDatabase.js';
