import { parseUnits } from 'viem';
import { expect, test } from '../src/fixtures.js';
import { tokenBySymbol } from '../src/stack/stackInfo.js';
import { testIds } from '../src/testIds.js';

/** Read-only here (a rejected input changes nothing), so it can share the wallet flow's account. */
const ACCOUNT = 1;

test('a first visit prompts to connect; the connect dialog takes focus and closes on Escape and outside click; the icon resolves', async ({ page, stack }) => {
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  await page.goto(stack.web);
  await expect(page.getByTestId(testIds.portfolio.connectPrompt)).toBeVisible();
  await expect(page.locator('main')).not.toContainText('Available: 0');
  await page.getByTestId(testIds.nav('streams')).click();
  await expect(page.getByTestId(testIds.streams.connectPrompt)).toBeVisible();
  await expect(page.locator('main')).not.toContainText('You are not streaming to anyone yet');
  await page.getByTestId(testIds.nav('activity')).click();
  await expect(page.getByTestId(testIds.activity.connectPrompt)).toBeVisible();

  // the page's icon is served (no 404 for it or anything else)
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBeTruthy();
  expect((await page.request.get(new URL(icon!, page.url()).toString())).status()).toBe(200);
  expect(missing).toEqual([]);

  // the connect dialog: focus moves in, Escape closes it and focus comes back to the button that opened it
  const connect = page.getByTestId(testIds.wallet.connect);
  await connect.click();
  const dialog = page.getByTestId(testIds.wallet.dialog);
  await expect(dialog).toBeVisible();
  await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(connect).toBeFocused();
  // a click outside closes it too
  await connect.click();
  await expect(dialog).toBeVisible();
  await page.mouse.click(5, 600);
  await expect(dialog).toBeHidden();

  // a stream's page opens from its link without a wallet, and says when there is no such stream
  // (the reader answers 404 for a record it does not have, so this comes after the check for missing files)
  await page.goto(`${stack.web}#/stream/987654`);
  await expect(page.getByTestId(testIds.streams.detail)).toContainText('There is no stream #987654.');
  await expect(page.getByTestId(testIds.nav('streams'))).toHaveAttribute('aria-current', 'page');
});

test('a rejected input from outside the app reads in words with amounts and symbols, without a wallet step', async ({ page, wallet, stack, chain }) => {
  const tusd = tokenBySymbol(stack, 'tUSD');
  const w = wallet(ACCOUNT);
  const available = BigInt((await chain.inspect<{ available: string }>(`balance/${tusd.address}/${w.address}`)).available);
  const asked = available + parseUnits('4', tusd.decimals);
  await expect(chain.sendDappInput(ACCOUNT, { functionName: 'withdraw', args: [tusd.address, asked] })).rejects.toThrow(/REJECTED/);

  await w.connect(page);
  await page.getByTestId(testIds.nav('activity')).click();
  const row = page.locator('[data-testid^="activity-input-node-"]').filter({ hasText: 'Not enough tUSD available' }).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText(`Not enough tUSD available: you have ${available === 0n ? '0' : ''}`);
  await expect(row).toContainText('the withdrawal needs');
  await expect(row).toContainText('tUSD.');
  await expect(row).not.toContainText('0x0000');
  await expect(row).not.toContainText(asked.toString());
  await expect(row).not.toContainText('Confirm in wallet');
});

test('losing the node shows a banner, marks the figures stale, backs off, and announces the recovery', async ({ page, wallet, stack }) => {
  const w = wallet(ACCOUNT);
  await w.connect(page);
  await expect(page.getByTestId(testIds.portfolio.balance('tCTSI'))).toBeVisible();
  const web = new URL(stack.web).origin;
  // everything but the app's own files stops answering: node, reader and chain
  let blocked = 0;
  await page.route(
    (url) => url.origin !== web,
    (route) => {
      blocked++;
      return route.abort('connectionrefused');
    },
  );
  const banner = page.getByTestId(testIds.node.banner);
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Lost the connection to the node.');
  await expect(page.locator('main')).toHaveAttribute('data-stale', 'true');
  // the wait between tries grows: retries back off instead of hammering the node
  await expect
    .poll(async () => Number(/Retrying in (\d+) s/.exec((await banner.textContent()) ?? '')?.[1] ?? 0), { timeout: 40_000 })
    .toBeGreaterThanOrEqual(8);
  await page.screenshot({ path: test.info().outputPath('node-lost.png') });
  expect(blocked).toBeGreaterThan(0);

  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.getByRole('button', { name: 'Retry now' }).click();
  await expect(banner).toBeHidden();
  await expect(page.locator('main')).not.toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId(testIds.toast).filter({ hasText: 'Connection to the node restored' })).toBeVisible();
});

test('at 390 px the header stays compact, the nav whole, the balances fit, and toasts stay inside the screen', async ({ page, wallet }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const w = wallet(ACCOUNT);
  await w.connect(page);
  await expect(page.getByTestId(testIds.portfolio.row('tCTSI'))).toBeVisible();
  for (const screen of ['portfolio', 'streams', 'activity'] as const) {
    await page.getByTestId(testIds.nav(screen)).click();
    await expect(page.getByTestId(testIds.nav(screen))).toHaveAttribute('aria-current', 'page');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // every nav entry is on screen
    for (const s of ['portfolio', 'streams', 'swap', 'pool', 'activity']) {
      const box = (await page.getByTestId(testIds.nav(s)).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: test.info().outputPath(`390-${screen}.png`), fullPage: true });
  }
  const header = (await page.locator('header.topbar').boundingBox())!;
  expect(header.height).toBeLessThanOrEqual(120);

  // a long toast wraps inside the screen
  await page.getByTestId(testIds.nav('portfolio')).click();
  await w.rejectNext(page, 'eth_sendTransaction');
  await page.getByTestId(testIds.portfolio.mint('tCTSI')).click();
  const toast = page.getByTestId(testIds.toast).first();
  await expect(toast).toBeVisible();
  const box = (await toast.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
