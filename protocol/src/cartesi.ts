import type { Address } from 'viem';

/**
 * Canonical CREATE2 addresses (salt 0 via 0x4e59…956C) of the Cartesi Rollups v2.2.0 contracts, the
 * same on every chain where they are deployed (shared/reference/cartesi-v2.md §5). The deployment
 * checks it lands them exactly here.
 */
export const CARTESI_V2_2_ADDRESSES = {
  inputBox: '0x1b51e2992A2755Ba4D6F7094032DF91991a0Cfac',
  etherPortal: '0xA632c5c05812c6a6149B7af5C56117d1D2603828',
  erc20Portal: '0xACA6586A0Cf05bD831f2501E7B4aea550dA6562D',
  erc721Portal: '0x9E8851dadb2b77103928518846c4678d48b5e371',
  erc1155SinglePortal: '0x18558398Dd1a8cE20956287a4Da7B76aE7A96662',
  erc1155BatchPortal: '0xe246Abb974B307490d9C6932F48EbE79de72338A',
  authorityFactory: '0x5E96408CFE423b01dADeD3bc867E6013135990cc',
  quorumFactory: '0x1C91Ba8aa5648cdAC77E97eaC781447c646EF239',
  applicationFactory: '0x26E758238CB6eC5aB70ce0dd52aF2d7b82e1972E',
  selfHostedApplicationFactory: '0x010D3CbB4223F5bCc7b7B03cEE59f3aAea8eDb8A',
  safeErc20Transfer: '0xb7C2bcAA4437425cfcE9d233bFf15EF461273D63',
} as const satisfies Record<string, Address>;
