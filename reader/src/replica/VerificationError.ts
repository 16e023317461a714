/**
 * The replay disagrees with the node about one input: the reader stops, because from here on either the node or
 * this replica is wrong, and serving either state would be serving something unverified.
 */
export class VerificationError extends Error {
  override readonly name = 'VerificationError';
  constructor(
    readonly inputIndex: bigint,
    readonly detail: string,
  ) {
    super(`Input ${inputIndex}: ${detail} The reader stopped at the last verified input (${inputIndex - 1n}).`);
  }
}

/** The database was built from another history than the node's (another chain, another application). */
export class DivergedHistoryError extends Error {
  override readonly name = 'DivergedHistoryError';
}
