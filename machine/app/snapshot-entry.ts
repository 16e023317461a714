import { startupSnapshot } from 'node:v8';
import { startBackEnd } from '../../dapp/src/startBackEnd.js';

/*
 * The entry of the back-end's V8 startup snapshot for the Cartesi machine (scripts/machine/build-app.sh builds
 * it with `node --build-snapshot` under qemu-user in the root tree: the same riscv64 node the machine runs).
 * Building it runs every module's top-level code (viem, zod, the app's schemas) and keeps the resulting heap;
 * the machine then starts with `node --snapshot-blob` and only calls startBackEnd: nothing is parsed or
 * compiled again at boot. What cannot be in a snapshot happens in startBackEnd, when the machine boots: the
 * WebAssembly SQLite (instantiated on the first openDatabase), the database file, the HTTP connection and the
 * environment (read when called).
 */
if (!startupSnapshot.isBuildingSnapshot()) throw new Error('run this entry with node --build-snapshot');
startupSnapshot.setDeserializeMainFunction(() => startBackEnd());
