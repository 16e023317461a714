import type { SqlDatabase } from './SqlDatabase.js';

/** The sentinel thrown to undo a transaction whose writes were only needed to compute a result. */
class RollBack extends Error {}

/**
 * Runs `fn` in a transaction (a savepoint when one is open) and undoes everything it wrote, returning what it
 * computed: a read that is easiest to answer exactly by doing the writes an input would do, then forgetting them.
 * `fn` must not keep state outside the database that its writes would have changed.
 */
export function rolledBack<T>(db: SqlDatabase, fn: () => T): T {
  const sentinel = new RollBack('rolled back on purpose');
  let result: { value: T } | undefined;
  try {
    db.transaction(() => {
      result = { value: fn() };
      throw sentinel;
    });
  } catch (error) {
    if (error !== sentinel) throw error;
  }
  return (result as { value: T }).value;
}
