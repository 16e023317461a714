import { bytesToHex, hexToBytes, keccak256, type Hex } from 'viem';

/** Height of the outputs tree: CanonicalMachine.LOG2_MAX_OUTPUTS = 63 (2^63 leaves). */
export const OUTPUTS_TREE_HEIGHT = 63;

type Node = Uint8Array;

function hashPair(left: Node, right: Node): Node {
  const buffer = new Uint8Array(64);
  buffer.set(left, 0);
  buffer.set(right, 32);
  return keccak256(buffer, 'bytes');
}

/** ZERO[h] = root of an empty subtree of height h (ZERO[0] = the zero leaf). */
const ZERO: Node[] = [new Uint8Array(32)];
for (let h = 1; h <= OUTPUTS_TREE_HEIGHT; h++) ZERO.push(hashPair(ZERO[h - 1]!, ZERO[h - 1]!));

/** Root of the tree with no outputs: 0x0a162946…abe1c6. */
export const PRISTINE_OUTPUTS_ROOT: Hex = bytesToHex(ZERO[OUTPUTS_TREE_HEIGHT]!);

function toLeaf(leaf: Hex): Node {
  const bytes = hexToBytes(leaf);
  if (bytes.length !== 32) throw new Error(`An outputs-tree leaf is a 32-byte hash, got ${bytes.length} bytes (${leaf}).`);
  return bytes;
}

/**
 * The Cartesi Rollups v2 outputs Merkle tree (reference cartesi-v2.md §4): height 63, leaf = keccak256(output bytes),
 * empty leaf = 0x00…00, parent = keccak256(left ‖ right), cumulative over every output since genesis.
 *
 * Append-only. It keeps every *complete* node (a node whose leaves have all been appended; about 2n nodes for n leaves),
 * which never changes once complete, so it can answer for any earlier size: `root(k)` and `siblings(i, k)` see the tree as
 * it was after k leaves (later leaves count as zero), which is what a claim for an earlier epoch needs. append costs
 * amortised 2 hashes (at most 63); root and siblings cost at most 63 hashes.
 */
export class OutputsMerkleTree {
  /** levels[h][i] = complete node i at height h (levels[0] = leaves). */
  private readonly levels: Node[][] = Array.from({ length: OUTPUTS_TREE_HEIGHT }, () => []);
  private lastPath: { n: number; path: Node[] } | undefined;

  /** Rebuilds a tree from stored leaves (keccak256 of each output, in output-index order). */
  static fromLeaves(leaves: Iterable<Hex>): OutputsMerkleTree {
    const tree = new OutputsMerkleTree();
    for (const leaf of leaves) tree.append(leaf);
    return tree;
  }

  /** The leaf of an output: keccak256 of its bytes (e.g. the encoded `Voucher(destination, value, payload)` call). */
  static leafOf(output: Hex): Hex {
    return keccak256(output);
  }

  /**
   * The root that `siblings` and `leaf` at `index` give, computed like LibMerkle32.merkleRootAfterReplacement
   * (what Application.validateOutput does on chain).
   */
  static rootFromSiblings(leaf: Hex, index: bigint | number, siblings: readonly Hex[]): Hex {
    if (siblings.length !== OUTPUTS_TREE_HEIGHT) throw new Error(`Expected ${OUTPUTS_TREE_HEIGHT} siblings, got ${siblings.length}.`);
    let node = toLeaf(leaf);
    let i = BigInt(index);
    for (const sibling of siblings) {
      node = (i & 1n) === 0n ? hashPair(node, toLeaf(sibling)) : hashPair(toLeaf(sibling), node);
      i >>= 1n;
    }
    return bytesToHex(node);
  }

  /** Number of leaves appended so far (= the index the next output gets). */
  get size(): bigint {
    return BigInt(this.levels[0]!.length);
  }

  /** Same as `size`, as a number (kept for callers that count outputs with numbers). */
  get leafCount(): number {
    return this.levels[0]!.length;
  }

  /** Appends a leaf (a 32-byte hash, see `leafOf`) and returns its output index. */
  append(leaf: Hex): bigint {
    const index = this.levels[0]!.length;
    let node = toLeaf(leaf);
    this.levels[0]!.push(node);
    // Each level gains a complete node when its right child completes; walk up while we just completed a right child.
    let i = index;
    for (let h = 1; h < OUTPUTS_TREE_HEIGHT && i % 2 === 1; h++) {
      node = hashPair(this.levels[h - 1]![i - 1]!, node);
      i = (i - 1) / 2;
      this.levels[h]!.push(node);
    }
    return BigInt(index);
  }

  /** `append` without the index (fits the node's stopgap AppendOnlyTree interface in src/claims/OutputsTree.ts). */
  push(leaf: Hex): void {
    this.append(leaf);
  }

  /** Appends the leaf of `output` (keccak256 of its bytes) and returns its output index. */
  appendOutput(output: Hex): bigint {
    return this.append(OutputsMerkleTree.leafOf(output));
  }

  /** The leaf at `index`. */
  leaf(index: bigint | number): Hex {
    const node = this.levels[0]![this.checkIndex(index, this.size)];
    return bytesToHex(node!);
  }

  /** Root of the tree as of its first `leafCount` leaves (default: all of them). */
  root(leafCount: bigint | number = this.size): Hex {
    const n = this.checkCount(leafCount);
    if (n === 0) return PRISTINE_OUTPUTS_ROOT;
    return bytesToHex(this.boundaryPath(n)[OUTPUTS_TREE_HEIGHT]!);
  }

  /**
   * The 63 bottom-up siblings of output `index` in the tree as of `leafCount` leaves (default: all), i.e.
   * `outputHashesSiblings` of the OutputValidityProof against the claim made when the tree had `leafCount` leaves.
   */
  siblings(index: bigint | number, leafCount: bigint | number = this.size): Hex[] {
    const n = this.checkCount(leafCount);
    const i = this.checkIndex(index, BigInt(n));
    const boundary = this.boundaryPath(n);
    const out: Hex[] = [];
    for (let h = 0; h < OUTPUTS_TREE_HEIGHT; h++) {
      // bigint: (s + 1) << h reaches 2^63 at the top levels.
      const s = (BigInt(i) >> BigInt(h)) ^ 1n;
      const start = s << BigInt(h);
      const end = (s + 1n) << BigInt(h);
      const count = BigInt(n);
      let node: Node;
      if (end <= count) node = this.levels[h]![Number(s)]!; // complete: never changes
      else if (start >= count) node = ZERO[h]!; // entirely after the boundary: empty
      else node = boundary[h]!; // straddles the boundary: the partial node as of n leaves
      out.push(bytesToHex(node));
    }
    return out;
  }

  /**
   * path[h] = the node at height h containing leaf position n (the first empty one) as of n leaves, for h = 0..63;
   * path[63] is the root. Only this chain of nodes depends on n beyond the stored complete nodes.
   */
  private boundaryPath(n: number): Node[] {
    // A claim asks for root(n) and then siblings(i, n) for every output of the epoch: remember the last path. It never goes
    // stale, because the nodes left of position n are complete and never change.
    if (this.lastPath?.n === n) return this.lastPath.path;
    const path: Node[] = [ZERO[0]!];
    let acc = ZERO[0]!;
    let i = n;
    for (let h = 0; h < OUTPUTS_TREE_HEIGHT; h++) {
      // Arithmetic, not bitwise: indices may exceed 2^32.
      acc = i % 2 === 1 ? hashPair(this.levels[h]![i - 1]!, acc) : hashPair(acc, ZERO[h]!);
      i = Math.floor(i / 2);
      path.push(acc);
    }
    this.lastPath = { n, path };
    return path;
  }

  private checkCount(leafCount: bigint | number): number {
    const n = BigInt(leafCount);
    if (n < 0n || n > this.size) throw new Error(`Cannot view the outputs tree as of ${n} leaves: it has ${this.size}.`);
    return Number(n);
  }

  private checkIndex(index: bigint | number, count: bigint): number {
    const i = BigInt(index);
    if (i < 0n || i >= count) throw new Error(`Output index ${i} is not in the outputs tree as of ${count} leaves.`);
    return Number(i);
  }
}
