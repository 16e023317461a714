/**
 * Screenshots of every screen with real data, and the first-render time, in headless Chromium.
 * Needs a running stack (npm start; npm run demo) and the built app served (vite preview).
 *   APP_URL=http://127.0.0.1:4173 npx tsx scripts/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { testIds } from '../src/lib/testIds.js';

const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:4173';
const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const tid = (id: string) => `[data-testid="${id}"]`;

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    // first render, cold cache: navigation start -> app shell painted, and -> node data on screen. A first visit is
    // never connected (Portfolio then asks to connect), so the data mark is the Pool's headline, which needs no wallet
    // (its lazy chunk and the pool's inspect answer included)
    const cold = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page0 = await cold.newPage();
    await page0.goto(`${APP_URL}/#/pool`, { waitUntil: 'commit' });
    // performance.now() is measured from navigation start, inside the page
    const at = (selector: string) => page0.waitForFunction((s) => (document.querySelector(s) ? performance.now() : 0), selector, { polling: 'raf', timeout: 60_000 }).then((h) => h.jsonValue());
    const shellMs = Math.round(await at(tid(testIds.nav('portfolio'))));
    const dataMs = Math.round(await at(tid(testIds.pool.headTvl)));
    const paint = await page0.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    console.log(`first render: shell ${shellMs} ms, first contentful paint ${paint === null ? 'n/a' : Math.round(paint)} ms, pool figures from the node ${dataMs} ms`);
    await cold.close();

    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${APP_URL}/#/portfolio`);
    await page.click(tid(testIds.wallet.connect));
    await page.click(tid(testIds.wallet.devAccount(0)));
    await page.waitForSelector(tid(testIds.wallet.address));
    await page.waitForSelector(`${tid(testIds.portfolio.balance('tUSD'))}.ticking`, { timeout: 15_000 }).catch(() => undefined);
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: path.join(OUT, 'portfolio.png'), fullPage: true });

    await page.click(tid(testIds.nav('streams')));
    await page.waitForSelector('[data-testid^="stream-row-"]', { timeout: 15_000 });
    await page.fill(tid(testIds.streams.receiver), '0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    await page.fill(tid(testIds.streams.amount), '250');
    await page.click(tid(testIds.streams.preset('1 hour')));
    // an incoming stream (the demo streams ETH, tUSD and tCTSI to #0) with its streamed vs remaining chart open
    await page.click(tid(testIds.streams.tab('incoming')));
    await page.locator('[data-testid^="stream-chart-toggle-"]').first().click();
    await page.waitForSelector('[data-testid^="stream-row-"] .recharts-surface', { timeout: 15_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(OUT, 'streams.png'), fullPage: true });
    // a real write through the UI: the activity screen then shows its whole lifecycle
    await page.click(tid(testIds.streams.submit));
    await page.waitForSelector(`${tid(testIds.toast)}:has-text("done"), ${tid(testIds.toast)}:has-text("rejected")`, { timeout: 60_000 });
    // the stream's own page
    const streamLink = page.locator('[data-testid^="stream-link-"]').first();
    const streamHash = (await streamLink.getAttribute('href').catch(() => null)) ?? null;
    if (streamHash) {
      await page.goto(`${APP_URL}/${streamHash}`);
      await page.waitForTimeout(2_000);
      await page.screenshot({ path: path.join(OUT, 'stream-page.png'), fullPage: true });
    }

    await page.click(tid(testIds.nav('swap')));
    await page.waitForSelector(tid(testIds.swap.amount));
    await page.fill(tid(testIds.swap.amount), '1500');
    await page.waitForSelector(`${tid(testIds.swap.amountOut)}[data-source="node"]`, { timeout: 15_000 });
    await page.waitForTimeout(1_000);
    await page.screenshot({ path: path.join(OUT, 'swap-instant.png'), fullPage: true });
    await page.locator(tid(testIds.swap.duration)).fill('4');
    await page.fill(tid(testIds.swap.amount), '150');
    await page.click(tid(testIds.swap.slippageToggle));
    await page.waitForSelector(`${tid(testIds.swap.amountOut)}[data-source="node"]`, { timeout: 15_000 });
    await page.click(tid(testIds.swap.limitPriceUseCurrent));
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(OUT, 'swap-dca.png'), fullPage: true });
    // a DCA order's own page (the demo gives #0 one)
    const orderLink = page.locator('[data-testid^="order-link-"]').first();
    const orderHash = await orderLink.getAttribute('href', { timeout: 15_000 }).catch(() => null);
    if (orderHash) {
      await page.goto(`${APP_URL}/${orderHash}`);
      await page.waitForSelector(`${tid(testIds.order.chart)}`, { timeout: 15_000 }).catch(() => undefined);
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: path.join(OUT, 'order-page.png'), fullPage: true });
    }

    await page.click(tid(testIds.nav('pool')));
    await page.waitForSelector(tid(testIds.pool.amountA));
    // a position of #0's own, through the UI, so the headline and the position card have a value
    await page.fill(tid(testIds.pool.amountA), '100');
    if (await page.isEnabled(tid(testIds.pool.addSubmit))) {
      await page.click(tid(testIds.pool.addSubmit));
      await page.waitForSelector(`${tid(testIds.pool.positionValue)}`, { timeout: 60_000 }).catch(() => undefined);
    }
    await page.fill(tid(testIds.pool.amountA), '100');
    await page.waitForSelector(`${tid(testIds.pool.priceChart)}, ${tid(testIds.pool.chartEmpty)}`, { timeout: 20_000 });
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: path.join(OUT, 'pool.png'), fullPage: true });
    await page.click(tid(testIds.pool.removeChip(25)));
    await page.click(tid(testIds.pool.removeSubmit));
    await page.waitForSelector(tid(testIds.pool.removeDialog));
    await page.screenshot({ path: path.join(OUT, 'pool-remove-confirm.png') });
    await page.keyboard.press('Escape');

    await page.click(tid(testIds.nav('activity')));
    const execute = page.locator('[data-testid^="voucher-execute-"]').first();
    await page.waitForTimeout(3_000); // let the proof checks (wasOutputExecuted, validateOutput) settle
    if (await execute.isVisible().catch(() => false)) {
      await execute.click();
      await page.waitForSelector('[data-testid^="voucher-status-"][data-status="executed"]', { timeout: 60_000 }).catch(() => undefined);
    }
    await page.waitForTimeout(2_000);
    await page.screenshot({ path: path.join(OUT, 'activity.png'), fullPage: true });

    // the same account at 390 x 844 (a phone): every page, as it first shows
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'dark' });
    const mobile = await phone.newPage();
    await mobile.goto(`${APP_URL}/#/portfolio`);
    await mobile.click(tid(testIds.wallet.connect));
    await mobile.click(tid(testIds.wallet.devAccount(0)));
    await mobile.waitForSelector(tid(testIds.wallet.address));
    const shots: [string, string][] = [
      ['portfolio', '#/portfolio'],
      ['streams', '#/streams'],
      ['swap', '#/swap'],
      ['pool', '#/pool'],
      ['activity', '#/activity'],
      ...(orderHash ? [['order-page', orderHash] as [string, string]] : []),
      ...(streamHash ? [['stream-page', streamHash] as [string, string]] : []),
    ];
    for (const [name, hash] of shots) {
      await mobile.goto(`${APP_URL}/${hash}`);
      await mobile.waitForTimeout(2_500);
      if (name === 'swap') {
        await mobile.fill(tid(testIds.swap.amount), '150');
        await mobile.locator(tid(testIds.swap.duration)).fill('2');
        await mobile.waitForSelector(`${tid(testIds.swap.amountOut)}[data-source="node"]`, { timeout: 15_000 }).catch(() => undefined);
      }
      const wide = await mobile.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (wide > 0) console.warn(`mobile ${name}: ${wide} px wider than the viewport`);
      await mobile.screenshot({ path: path.join(OUT, `mobile-${name}.png`), fullPage: true });
    }
    await phone.close();
    console.log(`screenshots in ${OUT}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
