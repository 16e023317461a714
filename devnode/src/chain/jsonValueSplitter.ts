/**
 * Cuts a byte stream into the complete JSON values it carries, one after another, whatever the framing: anvil's IPC
 * socket answers one JSON value per request and pushes subscription notifications in between, today each followed by a
 * newline, but nothing promises the newline, and a large answer (anvil_dumpState: megabytes) arrives in many chunks.
 *
 * Works on bytes: every character that matters for the structure (braces, brackets, quotes, backslash, whitespace) is
 * ASCII, and in UTF-8 no byte of a multi-byte character is ever an ASCII byte, so a chunk may end anywhere, even inside
 * a character. A top-level object, array or string ends with its closing byte; a bare literal (number, true, false,
 * null) ends at the next whitespace or the start of the next value. The scan state survives across chunks, so each
 * byte is looked at once however a value is split.
 */
export class JsonValueSplitter {
  private parts: Buffer[] = [];
  /** Nesting depth inside the current object/array value; 0 between values or inside a bare literal/string at top level. */
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** What the current top-level value is: nothing started yet, a container/string, or a bare literal. */
  private kind: 'none' | 'structured' | 'literal' = 'none';

  /** Feeds the next chunk; returns the values it completed, each as its exact bytes decoded as UTF-8. */
  push(chunk: Buffer): string[] {
    const out: string[] = [];
    let start = this.kind === 'none' ? -1 : 0; // where the current value begins in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.kind === 'none') {
        if (isWhitespace(b)) continue;
        start = i;
        if (b === OPEN_BRACE || b === OPEN_BRACKET) {
          this.kind = 'structured';
          this.depth = 1;
        } else if (b === QUOTE) {
          this.kind = 'structured';
          this.depth = 0;
          this.inString = true;
        } else {
          this.kind = 'literal';
        }
        continue;
      }
      if (this.kind === 'literal') {
        if (isWhitespace(b) || b === OPEN_BRACE || b === OPEN_BRACKET || b === QUOTE) {
          out.push(this.finish(chunk, start, i));
          i--; // this byte starts the next value (or is whitespace): look at it again with kind 'none'
        }
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) {
          this.inString = false;
          if (this.depth === 0) {
            out.push(this.finish(chunk, start, i + 1)); // a top-level string
            start = -1;
          }
        }
        continue;
      }
      if (b === QUOTE) this.inString = true;
      else if (b === OPEN_BRACE || b === OPEN_BRACKET) this.depth++;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        this.depth--;
        if (this.depth === 0) {
          out.push(this.finish(chunk, start, i + 1));
          start = -1;
        }
      }
    }
    if (this.kind !== 'none' && start >= 0) this.parts.push(chunk.subarray(start));
    return out;
  }

  /** True while a value has begun but not ended (the stream was cut mid-value if it ends now). */
  get pending(): boolean {
    return this.kind !== 'none';
  }

  private finish(chunk: Buffer, start: number, end: number): string {
    this.parts.push(chunk.subarray(start, end));
    const text = (this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts)).toString('utf8');
    this.parts = [];
    this.kind = 'none';
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    return text;
  }
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}
