/** Every contract ABI the web app uses, from one module (typed `as const` by the contracts package). */
export { applicationAbi, erc20PortalAbi, etherPortalAbi, inputBoxAbi, testTokenAbi } from '@streamswap/contracts/abis';
export { dappAbi } from '@streamswap/protocol';
