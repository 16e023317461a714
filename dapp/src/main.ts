import { startBackEnd } from './startBackEnd.js';

/*
 * The back-end process. Host mode (npm start) and the Cartesi machine run this same entry (the machine through
 * a V8 startup snapshot of it: machine/app/snapshot-entry.ts). The environment it reads: startBackEnd.ts.
 */
startBackEnd();
