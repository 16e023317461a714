/**
 * Times are unix seconds. Inputs carry uint64 start and duration, but SQLite integers are signed
 * 64-bit and JSON numbers are exact only to 2^53, so the app accepts times (start + duration) only
 * below 2^40 seconds (year 36812): far beyond any real stream, and exact everywhere.
 */
export const MAX_TIME = 2n ** 40n;

/** The largest uint256, the bound of every amount on the wire. */
export const MAX_UINT256 = 2n ** 256n - 1n;
