import { mnemonicToAccount, type HDAccount } from 'viem/accounts';

/** anvil's default mnemonic: its ten funded dev accounts derive from it (m/44'/60'/0'/0/i). */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

/** Dev account `index` of anvil (0 = 0xf39F…2266, the deployer, Authority owner and application owner). */
export function anvilAccount(index = 0): HDAccount {
  return mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
}
