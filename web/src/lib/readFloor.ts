/**
 * Reads that never go backwards. The reader answers from a replica that can trail the node; an answer from before
 * an input the page already knows processed (the node said so) or older than what a query already showed would undo
 * it on screen (a cancelled stream back to "Streaming"). Each read is checked against a floor: the newest input the
 * node reported processed to this page, and the newest input reflected by what that query last showed. An answer
 * below it is not used; the caller reads from the node instead. Pure: no I/O.
 */
export class ReadFloor {
  private processed = -1;
  private readonly shownByKey = new Map<string, number>();

  /** The node reported input `index` processed: no read may show state from before it. */
  raise(index: number): void {
    if (Number.isSafeInteger(index) && index > this.processed) this.processed = index;
  }

  /** The lowest input index an answer for `key` must reflect (-1: anything goes). */
  floorFor(key: string | undefined): number {
    const shown = key === undefined ? -1 : (this.shownByKey.get(key) ?? -1);
    return Math.max(this.processed, shown);
  }

  /** True when an answer reflecting input `index` may be shown for `key`. */
  accepts(key: string | undefined, index: number): boolean {
    return index >= this.floorFor(key);
  }

  /** Records that `key` now shows state as of input `index` (never lowers it). */
  shown(key: string | undefined, index: number): void {
    if (key === undefined || !Number.isSafeInteger(index)) return;
    if (index > (this.shownByKey.get(key) ?? -1)) this.shownByKey.set(key, index);
  }
}
