import { test as base, expect, type Page } from '@playwright/test';
import type { Address } from 'viem';
import { chainTools, devAddress, type ChainTools } from './chain.js';
import { stackInfo, type StackInfo } from './stack/stackInfo.js';
import { E2E_WALLET_NAME, E2E_WALLET_RDNS, installInjectedWallet, type WalletControl } from './wallet/injectedWallet.js';
import { testIds } from './testIds.js';

export { expect };

export interface Wallet {
  address: Address;
  /** Opens the app with the injected wallet and connects it through the app's wallet menu (EIP-6963 path). */
  connect(page: Page, options?: { chainId?: number }): Promise<void>;
  /** The next call of `method` fails with 4001, as if the user pressed Reject in the wallet. */
  rejectNext(page: Page, method: string): Promise<void>;
  /** The user switches the wallet to another network (emits chainChanged). */
  setChain(page: Page, chainId: number): Promise<void>;
}

/**
 * Fixtures: `stack` (URLs and address book), `chain` (viem/@cartesi/viem clients and helpers), and `wallet(index)`
 * which prepares the injected wallet for dev account `index`. Each flow uses its own accounts so flows never share balances.
 */
export const test = base.extend<{ wallet: (index: number) => Wallet }, { stack: StackInfo; chain: ChainTools }>({
  stack: [async ({}, use) => use(stackInfo()), { scope: 'worker' }],
  chain: [async ({ stack }, use) => use(chainTools(stack)), { scope: 'worker' }],
  wallet: async ({ stack }, use) => {
    await use((index: number): Wallet => {
      const address = devAddress(index);
      return {
        address,
        async connect(page, options = {}) {
          await page.addInitScript(installInjectedWallet, {
            rpcUrl: stack.anvil,
            account: address,
            chainId: options.chainId ?? stack.addressBook.chainId,
            knownChains: [stack.addressBook.chainId, 1],
            rdns: E2E_WALLET_RDNS,
            name: E2E_WALLET_NAME,
          });
          await page.goto(stack.web);
          // The app reconnects its development accounts on load (wagmi mock connectors with defaultConnected), and each
          // Disconnect moves on to the next one: a user would disconnect until the Connect button shows.
          const connectButton = page.getByTestId(testIds.wallet.connect);
          const disconnectButton = page.getByTestId(testIds.wallet.disconnect);
          await expect(connectButton.or(disconnectButton)).toBeVisible();
          for (let i = 0; i < 20 && (await disconnectButton.isVisible()); i++) {
            const shown = await page.getByTestId(testIds.wallet.address).getAttribute('title');
            await disconnectButton.click();
            await expect
              .poll(async () => (await connectButton.isVisible()) || (await page.getByTestId(testIds.wallet.address).getAttribute('title', { timeout: 1_000 }).catch(() => null)) !== shown)
              .toBe(true);
          }
          await connectButton.click();
          await page.getByTestId(testIds.wallet.injected(E2E_WALLET_RDNS)).click();
          await expect(page.getByTestId(testIds.wallet.address)).toHaveAttribute('title', address);
        },
        async rejectNext(page, method) {
          await page.evaluate((m) => (window as unknown as { __e2eWallet: WalletControl }).__e2eWallet.rejectNext(m), method);
        },
        async setChain(page, chainId) {
          await page.evaluate((id) => (window as unknown as { __e2eWallet: WalletControl }).__e2eWallet.setChain(id), chainId);
        },
      };
    });
  },
});

/** Raw bigint value of an amount: data-base-units (the web's <Amount> and ticking figures), else a base-unit data-value. */
export async function tickingValue(page: Page, testId: string): Promise<bigint> {
  const el = page.getByTestId(testId);
  const v = (await el.getAttribute('data-base-units')) ?? (await el.getAttribute('data-value'));
  return v === null ? -1n : BigInt(v);
}
