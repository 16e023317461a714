import { describe, expect, it } from 'vitest';
import { JsonValueSplitter } from '../src/chain/jsonValueSplitter.js';

/** Feeds `text` cut at the given byte offsets and returns every value the splitter completed. */
function split(text: string | Buffer, cuts: number[] = []): string[] {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const s = new JsonValueSplitter();
  const out: string[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(...s.push(bytes.subarray(at, cut)));
    at = cut;
  }
  return out;
}

describe('JsonValueSplitter (framing of anvil IPC streams)', () => {
  const a = '{"jsonrpc":"2.0","id":1,"result":"0x7a69"}';
  const b = '[{"id":2,"result":{"x":[1,2,{"y":"}]"}]}},{"id":3,"error":{"code":-32600,"message":"a \\"quoted\\" \\\\ brace }"}}]';
  const c = '{"method":"eth_subscription","params":{"result":"caf\u00e9 \u{1F600} {["}}';

  it('splits values with or without newlines between them, keeping each exactly', () => {
    expect(split(`${a}\n${b}\n${c}\n`)).toEqual([a, b, c]);
    expect(split(`${a}${b}${c}`)).toEqual([a, b, c]);
    expect(split(`  ${a} \r\n\t${b}`)).toEqual([a, b]);
    for (const v of split(`${a}${b}${c}`)) expect(() => JSON.parse(v)).not.toThrow();
  });

  it('gives the same values however the stream is cut, even inside a string, an escape or a UTF-8 character', () => {
    const stream = Buffer.from(`${a}\n${b}${c}\n`, 'utf8');
    for (let i = 1; i < stream.length; i++) expect(split(stream, [i]), `cut at ${i}`).toEqual([a, b, c]);
    // one byte at a time
    expect(split(stream, Array.from({ length: stream.length - 1 }, (_, i) => i + 1))).toEqual([a, b, c]);
  });

  it('holds a value back until it is complete', () => {
    const s = new JsonValueSplitter();
    expect(s.push(Buffer.from('{"id":1,"result":"0x'))).toEqual([]);
    expect(s.pending).toBe(true);
    expect(s.push(Buffer.from('1"}{"id"'))).toEqual(['{"id":1,"result":"0x1"}']);
    expect(s.push(Buffer.from(':2}'))).toEqual(['{"id":2}']);
    expect(s.pending).toBe(false);
  });

  it('handles a large value (anvil_dumpState) in many chunks', () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 7, result: `0x${'ab'.repeat(1_500_000)}` });
    const bytes = Buffer.from(`${big}\n${a}`);
    const cuts = [];
    for (let i = 65_536; i < bytes.length; i += 65_536) cuts.push(i);
    const out = split(bytes, cuts);
    expect(out).toHaveLength(2);
    expect(out[0]).toBe(big);
    expect(out[1]).toBe(a);
  });

  it('splits top-level strings and bare literals', () => {
    expect(split('"a\\"}" 12 true null{"x":1}')).toEqual(['"a\\"}"', '12', 'true', 'null', '{"x":1}']);
  });
});
