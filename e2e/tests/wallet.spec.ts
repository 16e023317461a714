import { expect, test } from '../src/fixtures.js';
import { testIds } from '../src/testIds.js';

const ACCOUNT = 1;

test('connects the injected EIP-6963 wallet, shows a wrong network with a working switch, and words a rejected signature', async ({ page, wallet, stack, chain }) => {
  const w = wallet(ACCOUNT);
  await w.connect(page);
  await expect(page.getByTestId(testIds.wallet.address)).toBeVisible();
  // the app asked the injected wallet for the account (not a development-account shortcut)
  const calls = await page.evaluate(() => (window as unknown as { __e2eWallet: { calls: string[] } }).__e2eWallet.calls);
  expect(calls.some((m) => m === 'eth_requestAccounts' || m === 'wallet_requestPermissions')).toBe(true);
  await page.screenshot({ path: test.info().outputPath('connected.png') });

  // the user moves the wallet to another network: the app says so and offers the switch
  await w.setChain(page, 1);
  await expect(page.getByTestId(testIds.wallet.wrongNetwork)).toBeVisible();
  await expect(page.getByTestId(testIds.portfolio.depositSubmit)).toHaveText(/Switch to/);
  await page.screenshot({ path: test.info().outputPath('wrong-network.png') });
  await page.getByTestId(testIds.wallet.switchNetwork).click();
  await expect(page.getByTestId(testIds.wallet.wrongNetwork)).toBeHidden();
  expect(await chain.publicClient.getChainId()).toBe(stack.addressBook.chainId);

  // a rejected signature: the mint is refused in the wallet, the app words it and nothing reaches the chain
  const tctsi = stack.addressBook.tokens.find((t) => t.symbol === 'tCTSI')!;
  const before = await chain.l1Balance(tctsi.address, w.address);
  await w.rejectNext(page, 'eth_sendTransaction');
  await page.getByTestId(testIds.portfolio.mint('tCTSI')).click();
  await expect(page.getByTestId(testIds.toast).filter({ hasText: 'Transaction rejected' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('rejected.png') });
  expect(await chain.l1Balance(tctsi.address, w.address)).toBe(before);
});
