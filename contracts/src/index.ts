/**
 * @streamswap/contracts (node only): start anvil, deploy the Cartesi v2.2.0 stack and the test tokens.
 * Browser code imports ABIs from `@streamswap/contracts/abis` instead.
 */
export { startAnvil, anvilBinaryPath, type StartAnvilOptions, type AnvilInstance } from './anvil.js';
export { deployStack, inputBoxDataAvailability, DEFAULT_TEMPLATE_HASH, type DeployStackOptions } from './deploy/deployStack.js';
export { anvilAccount, ANVIL_MNEMONIC } from './deploy/accounts.js';
export { CREATE2_DEPLOYER, create2Address, create2Calldata } from './deploy/create2.js';
export { cartesiCreate2Plan, type Create2Plan } from './deploy/cartesiContracts.js';
export { CanonicalAddressTaken, expectedRuntime, isExpectedRuntime } from './deploy/canonicalCode.js';
export { parseDeployArgs, DEPLOY_USAGE, type DeployArgs } from './deploy/deployArgs.js';
export { TEST_TOKENS, testTokenAddress, testTokenInfos, testTokenInitCode, type TestTokenSpec } from './deploy/testTokens.js';
export { testTokenBytecode } from './generated/testTokenBytecode.js';
export * from './abis.js';
