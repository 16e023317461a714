import { parseUnits } from 'viem';
import { expect, test, tickingValue } from '../src/fixtures.js';
import { tokenBySymbol } from '../src/stack/stackInfo.js';
import { testIds } from '../src/testIds.js';

const ACCOUNT = 2;

test('connects a wallet, mints test tokens and deposits them through the ERC-20 portal', async ({ page, wallet, stack, chain }) => {
  const w = wallet(ACCOUNT);
  const tctsi = tokenBySymbol(stack, 'tCTSI');
  const minted = parseUnits('1000', tctsi.decimals);
  const deposited = parseUnits('250', tctsi.decimals);
  const appBefore = await chain.l1Balance(tctsi.address, stack.addressBook.application);

  await w.connect(page);
  await expect(page.getByTestId(testIds.portfolio.wallet('tCTSI'))).toHaveText('0');

  await page.getByTestId(testIds.portfolio.mint('tCTSI')).click();
  await expect(page.getByTestId(testIds.portfolio.wallet('tCTSI'))).toHaveText(/^1,?000(\.0+)?$/);
  expect(await chain.l1Balance(tctsi.address, w.address)).toBe(minted);
  await page.screenshot({ path: test.info().outputPath('1-minted.png') });

  // one guided flow: the primary button asks for the approval first, then deposits
  await page.getByTestId(testIds.portfolio.tokenSelect).selectOption({ label: 'tCTSI' });
  await page.getByTestId(testIds.portfolio.depositAmount).fill('250');
  const primary = page.getByTestId(testIds.portfolio.depositSubmit);
  await expect(primary).toHaveText('Approve tCTSI');
  await primary.click();

  // the page shows the deposit once the node processed it
  await expect.poll(() => tickingValue(page, testIds.portfolio.balance('tCTSI'))).toBe(deposited);
  await expect.poll(() => tickingValue(page, testIds.portfolio.available('tCTSI'))).toBe(deposited);
  await expect(page.getByTestId(testIds.portfolio.wallet('tCTSI'))).toHaveText(/^750(\.0+)?$/);
  await expect(page.getByTestId(testIds.portfolio.depositAmount)).toHaveValue('');
  await page.screenshot({ path: test.info().outputPath('2-deposited.png') });

  // ...and so do the chain and the node
  expect(await chain.l1Balance(tctsi.address, w.address)).toBe(minted - deposited);
  expect(await chain.l1Balance(tctsi.address, stack.addressBook.application)).toBe(appBefore + deposited);
  const view = await chain.inspect<{ balance: string; available: string }>(`balance/${tctsi.address}/${w.address}`);
  expect(BigInt(view.balance)).toBe(deposited);
  expect(BigInt(view.available)).toBe(deposited);
  const inputs = await chain.cartesi.listInputs({ application: stack.addressBook.application });
  const last = inputs.data.at(-1)!;
  expect(last.status).toBe('ACCEPTED');
  expect(last.decodedData?.sender).toBe(stack.addressBook.erc20Portal);

  // the activity screen tells the deposit's whole story, with the node's input index, and never calls an L1-only write "processed"
  await page.getByTestId(testIds.nav('activity')).click();
  const depositRow = page.locator('[data-testid^="activity-input-"]').filter({ hasText: 'Deposit 250 tCTSI' });
  await expect(depositRow).toContainText(`Queued as input #${last.index}`);
  await expect(depositRow.locator('[data-testid^="activity-stage-"]')).toHaveText('Accepted');
  await expect(page.locator('[data-testid^="activity-stage-"]').filter({ hasText: 'Confirmed on L1' })).toHaveCount(2); // mint, approve
  await page.screenshot({ path: test.info().outputPath('3-activity.png') });
});
