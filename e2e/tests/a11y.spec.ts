import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../src/fixtures.js';
import { preparePages, VISITOR, type SamplePage } from '../src/samplePages.js';
import { testIds } from '../src/testIds.js';

/** WCAG 2.1 A and AA rules; a page passes with no violation of serious or critical impact. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function seriousViolations(page: Page, label: string) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // the whole report, pass or fail, for whoever reads the artifacts
  await test.info().attach(`axe-${label}.json`, { body: JSON.stringify(result.violations, null, 2), contentType: 'application/json' });
  return bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

async function visit(page: Page, web: string, p: SamplePage) {
  await page.goto(`${web}${p.hash}`);
  await expect(page.locator(p.ready).first()).toBeVisible();
  // let lazy chunks, charts and the first inspect answers settle before scanning
  await page.waitForLoadState('networkidle').catch(() => undefined);
}

test('every page has no serious or critical accessibility violation (axe), connected and not, with its dialogs open', async ({ page, wallet, stack, chain }) => {
  test.setTimeout(240_000);
  const pages = await preparePages(stack, chain);
  const problems: string[] = [];

  // a first visit: not connected, and the connect dialog open
  for (const p of pages) {
    await page.goto(`${stack.web}${p.hash}`);
    await expect(page.getByTestId(testIds.wallet.connect)).toBeVisible();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    problems.push(...(await seriousViolations(page, `${p.name}-disconnected`)));
  }
  await page.getByTestId(testIds.wallet.connect).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  problems.push(...(await seriousViolations(page, 'connect-dialog')));

  await wallet(VISITOR).connect(page);
  for (const p of pages) {
    await visit(page, stack.web, p);
    problems.push(...(await seriousViolations(page, p.name)));
  }

  // the swap form with a quote, settings and a limit price showing
  await visit(page, stack.web, pages.find((p) => p.name === 'swap')!);
  await page.getByTestId(testIds.swap.amount).fill('1');
  await page.getByTestId(testIds.swap.duration).fill('2');
  await page.getByTestId(testIds.swap.slippageToggle).click();
  await expect(page.getByTestId(testIds.swap.quote)).toBeVisible();
  problems.push(...(await seriousViolations(page, 'swap-quote')));

  // the remove-liquidity confirmation
  await visit(page, stack.web, pages.find((p) => p.name === 'pool')!);
  await page.getByTestId(testIds.pool.removeChip(25)).click();
  await page.getByTestId(testIds.pool.removeSubmit).click();
  await expect(page.getByTestId(testIds.pool.removeDialog)).toBeVisible();
  problems.push(...(await seriousViolations(page, 'remove-liquidity-dialog')));
  await page.keyboard.press('Escape');

  expect(problems, problems.join('\n')).toEqual([]);
});
