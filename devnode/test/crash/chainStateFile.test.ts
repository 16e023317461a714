import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_DUMP_FILE, LOAD_FILE, STATE_FILE, prepareStateToLoad, writeFileAtomic } from '../../src/chain/chainStateFile.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const dir = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'devnode-statefile-'));
  dirs.push(d);
  return d;
};
const state = (block: number) => JSON.stringify({ block: { number: block }, accounts: {} });
const loaded = (d: string): unknown => JSON.parse(fs.readFileSync(path.join(d, LOAD_FILE), 'utf8'));

describe('the saved chain on disk', () => {
  it('loads the last whole save; a save cut short (temp file) is discarded, the previous one kept', () => {
    const d = dir();
    writeFileAtomic(path.join(d, STATE_FILE), zlib.gzipSync(state(7)));
    fs.writeFileSync(path.join(d, `${STATE_FILE}.tmp`), zlib.gzipSync(state(8)).subarray(0, 20)); // killed mid-write
    expect(prepareStateToLoad(d)).toBe(path.join(d, LOAD_FILE));
    expect(loaded(d)).toEqual({ block: { number: 7 }, accounts: {} });
    expect(fs.existsSync(path.join(d, `${STATE_FILE}.tmp`))).toBe(false);
  });

  it("prefers anvil's own exit dump when it is whole, and consumes it", () => {
    const d = dir();
    writeFileAtomic(path.join(d, STATE_FILE), zlib.gzipSync(state(7)));
    fs.writeFileSync(path.join(d, EXIT_DUMP_FILE), state(9));
    prepareStateToLoad(d);
    expect(loaded(d)).toEqual({ block: { number: 9 }, accounts: {} });
    expect(fs.existsSync(path.join(d, EXIT_DUMP_FILE))).toBe(false);
  });

  it('ignores an exit dump cut short and loads the last save instead', () => {
    const d = dir();
    writeFileAtomic(path.join(d, STATE_FILE), zlib.gzipSync(state(7)));
    fs.writeFileSync(path.join(d, EXIT_DUMP_FILE), state(9).slice(0, 15));
    const logs: string[] = [];
    prepareStateToLoad(d, (m) => logs.push(m));
    expect(loaded(d)).toEqual({ block: { number: 7 }, accounts: {} });
    expect(logs.join()).toMatch(/cut short/);
  });

  it('never loads a save that does not read back whole (gzip CRC); an older anvil --state file cut short neither', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, STATE_FILE), zlib.gzipSync(state(7)).subarray(0, 25));
    fs.writeFileSync(path.join(d, LOAD_FILE), state(5).slice(0, 10));
    expect(prepareStateToLoad(d)).toBeUndefined();
    expect(fs.existsSync(path.join(d, `${STATE_FILE}.corrupt`))).toBe(true);
    expect(fs.existsSync(path.join(d, `${LOAD_FILE}.corrupt`))).toBe(true);
    // a whole file from an older version (anvil --state) still loads
    const e = dir();
    fs.writeFileSync(path.join(e, LOAD_FILE), state(5));
    expect(prepareStateToLoad(e)).toBe(path.join(e, LOAD_FILE));
    expect(loaded(e)).toEqual({ block: { number: 5 }, accounts: {} });
  });

  it('finds nothing to load in a new data dir', () => {
    expect(prepareStateToLoad(dir())).toBeUndefined();
  });
});
