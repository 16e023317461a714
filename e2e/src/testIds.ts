/** The web's one registry of data-testid values (web/src/lib/testIds.ts), imported rather than guessed. */
export { testIds } from '@streamswap/web/src/lib/testIds.ts';
