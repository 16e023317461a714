import type { Page } from '@playwright/test';
import { expect, test } from '../src/fixtures.js';
import { preparePages, VISITOR } from '../src/samplePages.js';
import { testIds } from '../src/testIds.js';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** How far the page scrolls sideways (0 when it fits the viewport). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('at 390x844 every page fits the width (no sideways scroll), connected and not, with forms filled and dialogs open', async ({ page, wallet, stack, chain }) => {
  test.setTimeout(240_000);
  const pages = await preparePages(stack, chain);
  const overflow: string[] = [];
  const check = async (label: string) => {
    const px = await sideways(page);
    if (px > 0) overflow.push(`${label}: ${px} px wider than the viewport`);
    await page.screenshot({ path: test.info().outputPath(`${label}.png`), fullPage: true });
  };

  for (const p of pages) {
    await page.goto(`${stack.web}${p.hash}`);
    await expect(page.getByTestId(testIds.wallet.connect)).toBeVisible();
    await check(`${p.name}-disconnected`);
  }

  await wallet(VISITOR).connect(page);
  for (const p of pages) {
    await page.goto(`${stack.web}${p.hash}`);
    await expect(page.locator(p.ready).first()).toBeVisible();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    // the nav stays reachable
    await expect(page.locator('nav').first()).toBeInViewport();
    await check(p.name);
  }

  // a DCA quote with long figures, the settings open and a limit price
  await page.goto(`${stack.web}#/swap`);
  await page.getByTestId(testIds.swap.amount).fill('123456.123456789012345678');
  await page.getByTestId(testIds.swap.duration).fill('3');
  await page.getByTestId(testIds.swap.slippageToggle).click();
  await page.getByTestId(testIds.swap.limitPrice).fill('1.234567');
  await expect(page.getByTestId(testIds.swap.amountOut)).toContainText('tUSD');
  await check('swap-filled');

  // the remove-liquidity confirmation
  await page.goto(`${stack.web}#/pool`);
  await page.getByTestId(testIds.pool.removeChip(25)).click();
  await page.getByTestId(testIds.pool.removeSubmit).click();
  await expect(page.getByTestId(testIds.pool.removeDialog)).toBeVisible();
  await check('remove-liquidity-dialog');

  expect(overflow, overflow.join('\n')).toEqual([]);
});
