import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CARTESI_V2_2_ADDRESSES } from '@streamswap/protocol';
import { getAddress } from 'viem';
import { StreamSwapApp } from './app/StreamSwapApp.js';
import { runRollupLoop } from './rollup/runRollupLoop.js';
import { openDatabase } from './storage/openDatabase.js';

/*
 * Starts the back-end: opens the database and serves the Rollup HTTP API's requests until the process ends.
 * Reads its environment when called, not when imported, so the Cartesi machine's V8 startup snapshot
 * (machine/app/snapshot-entry.ts) can load every module at build time and call this when the machine boots.
 *   ROLLUP_HTTP_SERVER_URL  the Rollup HTTP API (default http://127.0.0.1:5004)
 *   STREAMSWAP_DB           the SQLite file (default ./.data/dapp.sqlite)
 *   ERC20_PORTAL, ETHER_PORTAL  portal addresses (default: the canonical v2.2.0 ones)
 */
export function startBackEnd(): void {
  const serverUrl = process.env.ROLLUP_HTTP_SERVER_URL ?? 'http://127.0.0.1:5004';
  const dbPath = process.env.STREAMSWAP_DB ?? './.data/dapp.sqlite';
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });

  const app = new StreamSwapApp(openDatabase(dbPath), {
    erc20Portal: getAddress(process.env.ERC20_PORTAL ?? CARTESI_V2_2_ADDRESSES.erc20Portal),
    etherPortal: getAddress(process.env.ETHER_PORTAL ?? CARTESI_V2_2_ADDRESSES.etherPortal),
  });

  console.error(`streamswap back-end: rollup server ${serverUrl}, database ${dbPath}`);
  runRollupLoop(app, serverUrl).catch((error: unknown) => {
    console.error('streamswap back-end stopped:', error);
    process.exit(1);
  });
}
