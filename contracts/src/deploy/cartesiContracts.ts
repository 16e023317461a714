import { concatHex, encodeAbiParameters, zeroHash, type Address, type Hex } from 'viem';
import { CARTESI_V2_2_ADDRESSES } from '@streamswap/protocol';
import { readCartesiArtifact } from '../compile/cartesiArtifacts.js';
import { create2Address } from './create2.js';

export type CartesiContractKey = keyof typeof CARTESI_V2_2_ADDRESSES;

export interface Create2Plan {
  key: string;
  artifact: string;
  initCode: Hex;
  salt: Hex;
  address: Address;
}

const addressArgs = (...addresses: Address[]): Hex => encodeAbiParameters(addresses.map(() => ({ type: 'address' })), addresses);

/**
 * The v2.2.0 contracts, in dependency order, as the rollups-contracts deployment script builds them (salt 0, creation code
 * from the npm artifacts): the portals take the InputBox address, SelfHostedApplicationFactory takes
 * (AuthorityFactory, ApplicationFactory); the others have no constructor arguments. Addresses are computed, not assumed;
 * test/deployStack.test.ts checks they equal protocol's CARTESI_V2_2_ADDRESSES.
 */
export function cartesiCreate2Plan(): Create2Plan[] {
  const plan: Create2Plan[] = [];
  const add = (key: CartesiContractKey, artifact: string, args: Hex = '0x'): Address => {
    const initCode = concatHex([readCartesiArtifact(artifact).bytecode, args]);
    const address = create2Address(initCode, zeroHash);
    plan.push({ key, artifact, initCode, salt: zeroHash, address });
    return address;
  };
  const inputBox = add('inputBox', 'InputBox');
  add('etherPortal', 'EtherPortal', addressArgs(inputBox));
  add('erc20Portal', 'ERC20Portal', addressArgs(inputBox));
  add('erc721Portal', 'ERC721Portal', addressArgs(inputBox));
  add('erc1155SinglePortal', 'ERC1155SinglePortal', addressArgs(inputBox));
  add('erc1155BatchPortal', 'ERC1155BatchPortal', addressArgs(inputBox));
  const authorityFactory = add('authorityFactory', 'AuthorityFactory');
  add('quorumFactory', 'QuorumFactory');
  const applicationFactory = add('applicationFactory', 'ApplicationFactory');
  add('selfHostedApplicationFactory', 'SelfHostedApplicationFactory', addressArgs(authorityFactory, applicationFactory));
  add('safeErc20Transfer', 'SafeERC20Transfer');
  return plan;
}
