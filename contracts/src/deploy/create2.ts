import { concatHex, getContractAddress, type Address, type Hex } from 'viem';

/** The deterministic deployment proxy (Arachnid's), preinstalled by anvil and on every major chain. */
export const CREATE2_DEPLOYER: Address = '0x4e59b44847b379578588920cA78FbF26c0B4956C';

/** Where `initCode` lands when sent to the deployer with `salt` (its calldata is `salt ‖ initCode`). */
export function create2Address(initCode: Hex, salt: Hex): Address {
  return getContractAddress({ opcode: 'CREATE2', from: CREATE2_DEPLOYER, salt, bytecode: initCode });
}

/** The deployer's calldata: the 32-byte salt followed by the creation code (with any constructor arguments appended). */
export function create2Calldata(initCode: Hex, salt: Hex): Hex {
  return concatHex([salt, initCode]);
}
