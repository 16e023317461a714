/**
 * How far a replica (the reader) has replayed the node's inputs, as this page has seen it: the newest input index
 * announced on its push channel or carried by one of its answers. Writers wait on it so that, after the node reports
 * input N processed, live reads are refetched only once the reader can answer with N applied. Pure: no I/O; the
 * timers are injected so a test can drive them.
 */
export interface WatchTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: WatchTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Waiter {
  target: number;
  resolve: (reached: boolean) => void;
  handle: unknown;
}

export class ProcessedIndexWatch {
  /** -1: nothing seen yet (a reader that has replayed nothing also says -1). */
  private newest = -1;
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly timers: WatchTimers = realTimers) {}

  /** The newest processed input index seen so far. */
  get index(): number {
    return this.newest;
  }

  /** Records an index the reader reported; only moves forward (a late, older answer changes nothing). */
  observe(index: number): void {
    if (!Number.isSafeInteger(index) || index <= this.newest) return;
    this.newest = index;
    for (const waiter of this.waiters) {
      if (index < waiter.target) continue;
      this.waiters.delete(waiter);
      this.timers.clearTimeout(waiter.handle);
      waiter.resolve(true);
    }
  }

  /**
   * Resolves true as soon as an index >= `target` is seen (at once when it already was), or false after `timeoutMs`
   * without it: the caller then goes on anyway, so a stalled reader delays a refetch by a bounded time, never forever.
   */
  waitFor(target: number, timeoutMs: number): Promise<boolean> {
    if (this.newest >= target) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = { target, resolve, handle: undefined };
      waiter.handle = this.timers.setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

/** The part of an EventSource the watch needs (a fake in tests). */
export interface IndexEventSource {
  addEventListener(type: 'hello' | 'processed', listener: (event: { data: string }) => void): void;
}

/**
 * The input index in one of the reader's events: `hello` ({ index } on each (re)connection) and `processed`
 * ({ index, timestamp, from } after each commit). Undefined when the data is not that shape.
 */
export function indexOfEvent(data: string): number | undefined {
  try {
    const index: unknown = (JSON.parse(data) as { index?: unknown } | null)?.index;
    return typeof index === 'number' && Number.isSafeInteger(index) ? index : undefined;
  } catch {
    return undefined;
  }
}

/** Feeds every index the reader's push channel announces into `watch`. */
export function watchEventSource(source: IndexEventSource, watch: ProcessedIndexWatch): void {
  const listener = (event: { data: string }) => {
    const index = indexOfEvent(event.data);
    if (index !== undefined) watch.observe(index);
  };
  source.addEventListener('hello', listener);
  source.addEventListener('processed', listener);
}

/** The index in an X-Processed-Input-Index header value; undefined when absent or not an integer. */
export function indexOfHeader(value: string | null): number | undefined {
  if (value === null || !/^-?\d+$/.test(value.trim())) return undefined;
  const index = Number(value.trim());
  return Number.isSafeInteger(index) ? index : undefined;
}
