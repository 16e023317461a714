import { describe, expect, it } from 'vitest';
import { indexOfEvent, indexOfHeader, ProcessedIndexWatch, watchEventSource, type IndexEventSource, type WatchTimers } from './processedIndexWatch.js';

/** Timers driven by hand: `advance(ms)` runs what is due. */
function manualTimers(): WatchTimers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; callback: () => void }>();
  return {
    setTimeout(callback, ms) {
      due.set(++next, { at: now + ms, callback });
      return next;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      now += ms;
      for (const [handle, timer] of [...due]) {
        if (timer.at > now) continue;
        due.delete(handle);
        timer.callback();
      }
    },
    pending: () => due.size,
  };
}

/** The reader's /events channel, faked: `emit` delivers one event to its listeners. */
function fakeEventSource(): IndexEventSource & { emit(type: 'hello' | 'processed', data: string): void } {
  const listeners = new Map<string, ((event: { data: string }) => void)[]>();
  return {
    addEventListener(type, listener) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    emit(type, data) {
      for (const listener of listeners.get(type) ?? []) listener({ data });
    },
  };
}

/** Settles a promise's state without awaiting it forever: 'pending' when it has not resolved yet. */
async function state<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 0))]);
}

describe('ProcessedIndexWatch.waitFor', () => {
  it('waits until the push channel announces the index, not an earlier one', async () => {
    const timers = manualTimers();
    const watch = new ProcessedIndexWatch(timers);
    const events = fakeEventSource();
    watchEventSource(events, watch);
    events.emit('hello', JSON.stringify({ index: 4 }));

    const waiting = watch.waitFor(6, 10_000);
    events.emit('processed', JSON.stringify({ index: 5, timestamp: 100, from: 5 }));
    expect(await state(waiting)).toBe('pending');
    events.emit('processed', JSON.stringify({ index: 6, timestamp: 101, from: 6 }));
    expect(await state(waiting)).toBe(true);
    expect(watch.index).toBe(6);
    expect(timers.pending()).toBe(0);
  });

  it('resolves on a commit that jumps past the index (several inputs replayed together)', async () => {
    const watch = new ProcessedIndexWatch(manualTimers());
    const events = fakeEventSource();
    watchEventSource(events, watch);
    const waiting = watch.waitFor(3, 10_000);
    events.emit('processed', JSON.stringify({ index: 9, timestamp: 100, from: 0 }));
    expect(await state(waiting)).toBe(true);
  });

  it('resolves on an answer whose header index reaches it', async () => {
    const watch = new ProcessedIndexWatch(manualTimers());
    const waiting = watch.waitFor(7, 10_000);
    watch.observe(indexOfHeader('6')!);
    expect(await state(waiting)).toBe('pending');
    watch.observe(indexOfHeader('7')!);
    expect(await state(waiting)).toBe(true);
  });

  it('resolves at once when the reader is already there', async () => {
    const watch = new ProcessedIndexWatch(manualTimers());
    watch.observe(12);
    expect(await state(watch.waitFor(12, 10_000))).toBe(true);
    expect(await state(watch.waitFor(3, 10_000))).toBe(true);
  });

  it('gives up after the bounded wait with false when the reader stays behind', async () => {
    const timers = manualTimers();
    const watch = new ProcessedIndexWatch(timers);
    watch.observe(2);
    const waiting = watch.waitFor(3, 10_000);
    timers.advance(9_999);
    expect(await state(waiting)).toBe('pending');
    timers.advance(1);
    expect(await state(waiting)).toBe(false);
    // a late announcement after the give-up changes nothing for it, and moves the index on
    watch.observe(3);
    expect(await waiting).toBe(false);
    expect(watch.index).toBe(3);
  });

  it('never moves backwards: an older answer or a malformed event leaves the index as it was', async () => {
    const watch = new ProcessedIndexWatch(manualTimers());
    const events = fakeEventSource();
    watchEventSource(events, watch);
    events.emit('processed', JSON.stringify({ index: 8, timestamp: 1, from: 8 }));
    watch.observe(5);
    events.emit('processed', 'not json');
    events.emit('processed', JSON.stringify({ index: '9' }));
    expect(watch.index).toBe(8);
    const waiting = watch.waitFor(9, 10_000);
    watch.observe(Number.NaN);
    expect(await state(waiting)).toBe('pending');
  });
});

describe('indexOfEvent / indexOfHeader', () => {
  it('reads the index of the reader events and header, and nothing else', () => {
    expect(indexOfEvent('{"index":3,"timestamp":1,"from":2}')).toBe(3);
    expect(indexOfEvent('{"index":-1}')).toBe(-1);
    expect(indexOfEvent('{"index":1.5}')).toBeUndefined();
    expect(indexOfEvent('null')).toBeUndefined();
    expect(indexOfEvent('{')).toBeUndefined();
    expect(indexOfHeader('41')).toBe(41);
    expect(indexOfHeader('-1')).toBe(-1);
    expect(indexOfHeader(null)).toBeUndefined();
    expect(indexOfHeader('4x')).toBeUndefined();
    expect(indexOfHeader('')).toBeUndefined();
  });
});
