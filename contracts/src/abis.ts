/**
 * @streamswap/contracts/abis: pure `as const` ABIs, safe to import in the browser (no node: imports).
 * testTokenAbi is compiled from src/sol/TestToken.sol; the others come verbatim from @cartesi/rollups 2.2.0.
 */
export { testTokenAbi } from './generated/testTokenAbi.js';
export {
  applicationAbi,
  applicationFactoryAbi,
  authorityAbi,
  authorityFactoryAbi,
  consensusAbi,
  dataAvailabilityAbi,
  erc20Abi,
  erc20PortalAbi,
  etherPortalAbi,
  inputBoxAbi,
  inputsAbi,
  outputsAbi,
  selfHostedApplicationFactoryAbi,
} from './generated/cartesiAbis.js';
