export { OutputsMerkleTree, OUTPUTS_TREE_HEIGHT, PRISTINE_OUTPUTS_ROOT } from './OutputsMerkleTree.js';
