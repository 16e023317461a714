import type { SqlDatabase } from '../storage/SqlDatabase.js';

export interface LastInput {
  index: bigint;
  timestamp: bigint;
  /** The JSON of the outputs it produced, re-emitted if the same input is delivered again after a crash. */
  outputs: string;
}

/**
 * What the app remembers about the input stream itself: the last accepted input, whose timestamp is
 * the default `at` of inspect reads (inspect has no clock) and the floor of the app's time.
 * Written only by accepted inputs, so a rejected input leaves the state byte-identical.
 */
export class AppMeta {
  constructor(private readonly db: SqlDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS app_meta (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      last_input_index INTEGER NOT NULL,
      last_timestamp INTEGER NOT NULL,
      last_outputs TEXT NOT NULL
    )`);
  }

  lastInput(): LastInput | undefined {
    const row = this.db
      .prepare('SELECT last_input_index AS i, last_timestamp AS t, last_outputs AS o FROM app_meta WHERE id = 1')
      .get<{ i: bigint; t: bigint; o: string }>();
    return row ? { index: row.i, timestamp: row.t, outputs: row.o } : undefined;
  }

  record(input: LastInput): void {
    this.db
      .prepare(
        `INSERT INTO app_meta (id, last_input_index, last_timestamp, last_outputs) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET last_input_index = excluded.last_input_index,
           last_timestamp = excluded.last_timestamp, last_outputs = excluded.last_outputs`,
      )
      .run(input.index, input.timestamp, input.outputs);
  }
}
