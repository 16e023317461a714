export { startDevStack, deployLocal, DEDICATED_CLAIMER_KEY, REPO_ROOT, type DevStack, type DevStackOptions } from './devStack.js';
export { startNode, type NodeOptions, type RunningNode } from './node.js';
export { RollupEngine, type RollupRequest, type InspectResult } from './rollup/RollupEngine.js';
export { NodeStore } from './store/NodeStore.js';
export { decodeEvmAdvance } from './chain/evmAdvance.js';
export { makeOutput, decodeOutput, NOTICE_SELECTOR, VOUCHER_SELECTOR, DELEGATE_CALL_VOUCHER_SELECTOR } from './chain/outputs.js';
export { NODE_VERSION } from './rpc/jsonRpc.js';
