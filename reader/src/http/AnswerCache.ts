/**
 * Answers by request target (route and query), valid for one processed input: every answer depends only on the
 * replica's state and the route (an `at` in the query included), and the state changes only when an input is
 * committed, which clears the cache. Bounded, so a client asking for endless distinct `at`s costs memory only up to
 * `maxEntries` (then the oldest half is dropped).
 */
export class AnswerCache<Answer> {
  private entries = new Map<string, Answer>();

  constructor(private readonly maxEntries = 50_000) {}

  get(key: string): Answer | undefined {
    return this.entries.get(key);
  }

  set(key: string, answer: Answer): void {
    if (this.entries.size >= this.maxEntries) {
      let drop = this.maxEntries >> 1;
      for (const k of this.entries.keys()) {
        if (drop-- <= 0) break;
        this.entries.delete(k);
      }
    }
    this.entries.set(key, answer);
  }

  clear(): void {
    this.entries = new Map();
  }

  get size(): number {
    return this.entries.size;
  }
}
