import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concatHex, keccak256, numberToHex, zeroHash, type Hex } from 'viem';
import { OutputsMerkleTree, OUTPUTS_TREE_HEIGHT, PRISTINE_OUTPUTS_ROOT } from '../../src/merkle/index.js';

/** Reference model: the tree computed top-down from the definition, with empty subtrees short-circuited. */
const zero: Hex[] = [zeroHash];
for (let h = 1; h <= OUTPUTS_TREE_HEIGHT; h++) zero.push(keccak256(concatHex([zero[h - 1]!, zero[h - 1]!])));
function naiveNode(leaves: Hex[], h: number, i: bigint): Hex {
  if (i << BigInt(h) >= BigInt(leaves.length)) return zero[h]!;
  if (h === 0) return leaves[Number(i)]!;
  return keccak256(concatHex([naiveNode(leaves, h - 1, 2n * i), naiveNode(leaves, h - 1, 2n * i + 1n)]));
}
const naiveRoot = (leaves: Hex[]) => naiveNode(leaves, OUTPUTS_TREE_HEIGHT, 0n);
const naiveSiblings = (leaves: Hex[], index: number) =>
  Array.from({ length: OUTPUTS_TREE_HEIGHT }, (_, h) => naiveNode(leaves, h, (BigInt(index) >> BigInt(h)) ^ 1n));

const leafArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => keccak256(b));

describe('OutputsMerkleTree', () => {
  it('has the pristine root 0x0a16…e1c6 when empty', () => {
    const tree = new OutputsMerkleTree();
    expect(PRISTINE_OUTPUTS_ROOT).toBe('0x0a162946e56158bac0673e6dd3bdfdc1e4a0e7744a120fdb640050c8d7abe1c6');
    expect(tree.root()).toBe(PRISTINE_OUTPUTS_ROOT);
    expect(tree.size).toBe(0n);
  });

  it('hashes outputs into leaves and numbers them from zero', () => {
    const tree = new OutputsMerkleTree();
    expect(tree.appendOutput('0xdeadbeef')).toBe(0n);
    expect(tree.append(numberToHex(7n, { size: 32 }))).toBe(1n);
    expect(tree.leaf(0n)).toBe(keccak256('0xdeadbeef'));
    expect(tree.size).toBe(2n);
    expect(tree.leafCount).toBe(2);
    expect(tree.root()).toBe(naiveRoot([keccak256('0xdeadbeef'), numberToHex(7n, { size: 32 })]));
  });

  it('matches the reference model for every size, past size and index (property)', () => {
    fc.assert(
      fc.property(fc.array(leafArb, { minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), (leaves, a, b) => {
        const tree = OutputsMerkleTree.fromLeaves(leaves);
        const count = 1 + (a % leaves.length);
        const index = b % count;
        const prefix = leaves.slice(0, count);
        const root = tree.root(BigInt(count));
        expect(root).toBe(naiveRoot(prefix));
        const siblings = tree.siblings(BigInt(index), BigInt(count));
        expect(siblings).toEqual(naiveSiblings(prefix, index));
        expect(OutputsMerkleTree.rootFromSiblings(leaves[index]!, BigInt(index), siblings)).toBe(root);
        expect(tree.root()).toBe(naiveRoot(leaves));
      }),
      { numRuns: 60 },
    );
  });

  it('gives, for an earlier size, the same answers as a tree that stopped growing there', () => {
    const leaves = Array.from({ length: 37 }, (_, i) => keccak256(numberToHex(i)));
    const full = OutputsMerkleTree.fromLeaves(leaves);
    for (const count of [1, 2, 3, 8, 9, 16, 31, 32, 33]) {
      const small = OutputsMerkleTree.fromLeaves(leaves.slice(0, count));
      expect(full.root(count)).toBe(small.root());
      for (let i = 0; i < count; i++) expect(full.siblings(i, count)).toEqual(small.siblings(i));
    }
  });

  it('refuses leaves of the wrong length, indices past the view and views past the size', () => {
    const tree = OutputsMerkleTree.fromLeaves([zeroHash, zeroHash]);
    expect(() => tree.append('0x1234')).toThrow(/32-byte/);
    expect(() => tree.siblings(2n)).toThrow(/not in the outputs tree as of 2 leaves/);
    expect(() => tree.siblings(1n, 1n)).toThrow(/not in the outputs tree as of 1 leaves/);
    expect(() => tree.root(3n)).toThrow(/it has 2/);
    expect(() => OutputsMerkleTree.rootFromSiblings(zeroHash, 0n, [])).toThrow(/63 siblings/);
  });
});

describe('OutputsMerkleTree as a drop-in for the node', () => {
  it('pushes leaves like append and counts them as a number', () => {
    const a = new OutputsMerkleTree();
    const b = new OutputsMerkleTree();
    for (let i = 0; i < 5; i++) {
      a.push(keccak256(numberToHex(i)));
      b.append(keccak256(numberToHex(i)));
    }
    expect(a.leafCount).toBe(5);
    expect(a.root()).toBe(b.root());
    expect(a.siblings(3)).toEqual(b.siblings(3n));
  });
});
