import { parseUnits } from 'viem';
import { expect, test } from '../src/fixtures.js';
import { tokenBySymbol } from '../src/stack/stackInfo.js';
import { testIds } from '../src/testIds.js';

const TRADER = 6;
const MARKET_MAKER = 8;
/** the protection and order-page flows: never asserts absolute balances (the a11y and mobile passes use it too) */
const CAREFUL_TRADER = 9;
const X64 = 1n << 64n;

interface BalanceView { balance: string; available: string }
interface OrderView { id: string; status: string; sold: string; bought: string; amountIn: string; amountOutMin: string; minAveragePriceX64: string | null; closedAt: number | null }

test('swaps instantly, then places a DCA order with the duration slider, watches it fill as chain time passes, and cancels the rest', async ({ page, wallet, stack, chain }) => {
  const tctsi = tokenBySymbol(stack, 'tCTSI');
  const tusd = tokenBySymbol(stack, 'tUSD');
  const w = wallet(TRADER);
  // a deep pool from another account (whatever other flows did to the pair before)
  await chain.fundInApp(MARKET_MAKER, tctsi.address, parseUnits('10000', tctsi.decimals));
  await chain.fundInApp(MARKET_MAKER, tusd.address, parseUnits('20000', tusd.decimals));
  await chain.sendDappInput(MARKET_MAKER, {
    functionName: 'addLiquidity',
    args: [tctsi.address, tusd.address, parseUnits('10000', tctsi.decimals), parseUnits('20000', tusd.decimals), 0n, 0n],
  });
  const funded = parseUnits('1000', tctsi.decimals);
  await chain.fundInApp(TRADER, tctsi.address, funded);
  const balance = async (token: string) => BigInt((await chain.inspect<BalanceView>(`balance/${token}/${w.address}`)).balance);

  await w.connect(page);
  await page.getByTestId(testIds.nav('swap')).click();
  await page.getByTestId(testIds.swap.tokenIn).selectOption({ label: 'tCTSI' });
  await page.getByTestId(testIds.swap.tokenOut).selectOption({ label: 'tUSD' });

  // instant swap: "You receive" is the node's exact quote, with its minimum after the 0.5% default slippage
  await page.getByTestId(testIds.swap.amount).fill('10');
  await expect(page.getByTestId(testIds.swap.durationLabel)).toHaveText('Instant');
  const out = page.getByTestId(testIds.swap.amountOut);
  await expect(out).toContainText('tUSD');
  await expect(out).toHaveAttribute('data-source', 'node');
  const quoted = BigInt((await out.getAttribute('data-value'))!);
  const minimum = BigInt((await page.getByTestId(testIds.swap.minimum).getAttribute('data-value'))!);
  expect(minimum).toBe((quoted * 9_950n) / 10_000n);
  await expect(page.getByTestId(testIds.swap.submit)).toHaveText('Swap');
  await page.screenshot({ path: test.info().outputPath('1-instant-quote.png') });
  await page.getByTestId(testIds.swap.submit).click();
  await expect.poll(() => balance(tusd.address)).toBeGreaterThan(0n);
  const boughtInstantly = await balance(tusd.address);
  expect(boughtInstantly).toBeGreaterThanOrEqual(minimum);
  // with no DCA order moving the pair between quote and execution, the app paid exactly what "You receive" said
  const pool = await chain.inspect<{ openOrdersA: number; openOrdersB: number }>(`pool/${tctsi.address}/${tusd.address}`);
  if (pool.openOrdersA + pool.openOrdersB === 0) expect(boughtInstantly).toBe(quoted);
  expect(await balance(tctsi.address)).toBe(funded - parseUnits('10', tctsi.decimals));
  await expect(page.getByTestId(testIds.swap.amount)).toHaveValue('');

  // DCA: spread 100 tCTSI over one hour with the slider
  await page.getByTestId(testIds.swap.amount).fill('100');
  await page.getByTestId(testIds.swap.duration).fill('2');
  await expect(page.getByTestId(testIds.swap.durationLabel)).toHaveText('1 hour');
  await expect(page.getByTestId(testIds.swap.submit)).toHaveText('Place DCA order');
  // an hour-long order is told per minute (a rate in units that fit the duration); it ends on the node's minute
  // grid, so it runs 60 to 61 minutes: 100/61 to 100/60 tCTSI a minute
  await expect(page.getByTestId(testIds.swap.quote)).toContainText('Sold per minute');
  await expect(page.getByTestId(testIds.swap.perUnit)).toContainText(/1\.6[3-6]\d* tCTSI/);
  await expect(page.getByTestId(testIds.swap.amountOut)).toHaveAttribute('data-source', 'node');
  await page.screenshot({ path: test.info().outputPath('2-dca-quote.png') });
  await page.getByTestId(testIds.swap.submit).click();

  const orders = () => chain.inspect<{ orders: OrderView[] }>(`orders/${w.address}`);
  await expect.poll(async () => (await orders()).orders.length).toBe(1);
  const order = (await orders()).orders[0]!;
  expect(BigInt(order.amountIn)).toBe(parseUnits('100', tctsi.decimals));
  const row = page.getByTestId(testIds.swap.order(order.id));
  await expect(page.getByTestId(testIds.swap.orderStatus(order.id))).toHaveText('Active');
  const progress = async () => Number(await row.getByRole('progressbar').getAttribute('aria-valuenow'));

  // 21 minutes of chain time (the order runs 60 to 61 minutes): over a third is sold, on the page and in the node
  await chain.advanceTime(1_260);
  await expect.poll(progress).toBeGreaterThanOrEqual(33);
  expect(await progress()).toBeLessThan(100);
  const now = await chain.chainNow();
  const projected = await chain.inspect<OrderView>(`order/${order.id}?at=${now}`);
  expect(BigInt(projected.sold)).toBeGreaterThanOrEqual(parseUnits('100', tctsi.decimals) / 3n);
  expect(BigInt(projected.bought)).toBeGreaterThan(0n);
  await page.screenshot({ path: test.info().outputPath('3-dca-progress.png') });

  // cancel asks first and shows what comes back; keeping the order changes nothing
  await page.getByTestId(testIds.swap.orderCancel(order.id)).click();
  const dialog = page.getByTestId(testIds.swap.cancelDialog);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText(`Cancel DCA order #${order.id}?`);
  await expect(page.getByTestId(testIds.swap.cancelRefund)).toContainText('tCTSI');
  await expect(page.getByTestId(testIds.swap.cancelKeep)).toContainText('tUSD');
  const shownRefund = BigInt((await page.getByTestId(testIds.swap.cancelRefund).getAttribute('data-value'))!);
  expect(shownRefund).toBeGreaterThan(0n);
  expect(shownRefund).toBeLessThan(parseUnits('67', tctsi.decimals));
  await page.screenshot({ path: test.info().outputPath('4-cancel-confirm.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(testIds.swap.orderStatus(order.id))).toHaveText('Active');
  // cancel the rest: unsold input comes back, proceeds stay
  await page.getByTestId(testIds.swap.orderCancel(order.id)).click();
  await page.getByTestId(`${testIds.swap.cancelDialog}-confirm`).click();
  await expect(page.getByTestId(testIds.swap.orderStatus(order.id))).toHaveText('Canceled');
  const closed = await chain.inspect<OrderView>(`order/${order.id}`);
  expect(closed.status).toBe('canceled');
  const sold = BigInt(closed.sold);
  expect(sold).toBeGreaterThan(0n);
  expect(sold).toBeLessThan(parseUnits('100', tctsi.decimals));
  expect(await balance(tctsi.address)).toBe(funded - parseUnits('10', tctsi.decimals) - sold);
  expect(await balance(tusd.address)).toBe(boughtInstantly + BigInt(closed.bought));
  await expect(row.getByRole('button', { name: `Cancel order #${order.id}` })).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('5-canceled.png') });
});

test('protects a trade: same token refused in words, nothing-to-receive and price-impact warnings, slippage setting, minimum received and a limit price on a DCA order', async ({ page, wallet, stack, chain }) => {
  test.setTimeout(180_000);
  const tctsi = tokenBySymbol(stack, 'tCTSI');
  const tusd = tokenBySymbol(stack, 'tUSD');
  await deepPool(chain, tctsi.address, tusd.address);
  await chain.fundInApp(CAREFUL_TRADER, tctsi.address, parseUnits('2000', tctsi.decimals));
  const w = wallet(CAREFUL_TRADER);
  await w.connect(page);
  await page.getByTestId(testIds.nav('swap')).click();
  const submit = page.getByTestId(testIds.swap.submit);

  // the same token on both sides: refused in words, no "1 tCTSI = < 0.000001 tCTSI"
  await page.getByTestId(testIds.swap.tokenIn).selectOption({ label: 'tCTSI' });
  await page.getByTestId(testIds.swap.tokenOut).selectOption({ label: 'tCTSI' });
  await page.getByTestId(testIds.swap.amount).fill('10');
  await expect(page.getByTestId(testIds.swap.sameToken)).toHaveText('Choose two different tokens: tCTSI cannot be swapped for itself.');
  await expect(submit).toHaveText('Choose two different tokens');
  await expect(submit).toBeDisabled();
  await expect(page.getByTestId(testIds.swap.quote)).toBeHidden();
  await page.getByTestId(testIds.swap.tokenOut).selectOption({ label: 'tUSD' });

  // an amount too small to buy anything
  await page.getByTestId(testIds.swap.amount).fill('0.000000000000000001');
  await expect(page.getByTestId(testIds.swap.warningItem('zeroOutput'))).toContainText('too small to buy any tUSD');
  await expect(submit).toHaveText('Nothing to receive');
  await expect(submit).toBeDisabled();

  // a big instant swap: a strong warning and an explicit confirmation before the button works
  await page.getByTestId(testIds.swap.amount).fill('1500');
  await expect(page.getByTestId(testIds.swap.warningItem('priceImpact'))).toContainText('Very high price impact');
  await expect(submit).toHaveText('Confirm the price impact first');
  await expect(submit).toBeDisabled();
  await page.getByTestId(testIds.swap.confirmImpact).check();
  await expect(submit).toHaveText('Swap');
  await expect(submit).toBeEnabled();
  await page.screenshot({ path: test.info().outputPath('1-impact-confirm.png') });
  // another amount needs its own confirmation
  await page.getByTestId(testIds.swap.amount).fill('1400');
  await expect(submit).toHaveText('Confirm the price impact first');

  // slippage: a setting, not a constant; out-of-range values are refused next to the field
  await page.getByTestId(testIds.swap.amount).fill('20');
  await expect(page.getByTestId(testIds.swap.amountOut)).toHaveAttribute('data-source', 'node');
  await page.getByTestId(testIds.swap.slippageToggle).click();
  await page.getByTestId(testIds.swap.slippagePreset('100')).click();
  await expect(page.getByTestId(testIds.swap.slippageToggle)).toContainText('1.00%');
  const quoted = BigInt((await page.getByTestId(testIds.swap.amountOut).getAttribute('data-value'))!);
  await expect(page.getByTestId(testIds.swap.minimum)).toHaveAttribute('data-value', ((quoted * 9_900n) / 10_000n).toString());
  await page.getByTestId(testIds.swap.slippageCustom).fill('60');
  await expect(page.getByTestId(testIds.swap.slippageError)).toHaveText('At most 50%');
  await expect(submit).toHaveText('Fix the slippage tolerance');
  await page.getByTestId(testIds.swap.slippageCustom).fill('2');

  // a 5-minute DCA order: rates per minute, expected output with its minimum from the node's projection; it ends on
  // the node's minute grid, so it runs 5 to 6 minutes: 20/6 to 20/5 tCTSI a minute
  await page.getByTestId(testIds.swap.duration).fill('1');
  await expect(page.getByTestId(testIds.swap.durationLabel)).toHaveText('5 min');
  await expect(page.getByTestId(testIds.swap.quote)).toContainText('Sold per minute');
  await expect(page.getByTestId(testIds.swap.perUnit)).toHaveText(/^(4|3\.[3-9]\d*) tCTSI$/);
  await expect(page.getByTestId(testIds.swap.amountOut)).toHaveAttribute('data-source', 'node');
  const expected = BigInt((await page.getByTestId(testIds.swap.amountOut).getAttribute('data-value'))!);
  expect(expected).toBeGreaterThan(0n);
  await expect(page.getByTestId(testIds.swap.minimum)).toHaveAttribute('data-value', ((expected * 9_800n) / 10_000n).toString());

  // a limit above what the order can average is refused before it reaches the app
  await page.getByTestId(testIds.swap.limitPrice).fill('1000');
  await expect(page.getByTestId(testIds.swap.warningItem('limitAboveExpected'))).toBeVisible();
  await expect(submit).toBeDisabled();
  await page.getByTestId(testIds.swap.limitPrice).fill('1.5');
  await expect(page.getByTestId(testIds.swap.quote)).toContainText('Limit price');
  await expect(submit).toHaveText('Place DCA order');
  await page.screenshot({ path: test.info().outputPath('2-dca-protected.png') });
  const before = (await chain.inspect<{ orders: OrderView[] }>(`orders/${w.address}`)).orders.length;
  await submit.click();

  // the app got swapWithLimit: the order carries the minimum and the limit, in the app's units
  const orders = () => chain.inspect<{ orders: OrderView[] }>(`orders/${w.address}`);
  await expect.poll(async () => (await orders()).orders.length).toBe(before + 1);
  const placed = (await orders()).orders.reduce((a, b) => (BigInt(a.id) > BigInt(b.id) ? a : b));
  expect(BigInt(placed.amountIn)).toBe(parseUnits('20', tctsi.decimals));
  const limitX64 = (parseUnits('1.5', tusd.decimals) * X64 + 10n ** BigInt(tctsi.decimals) - 1n) / 10n ** BigInt(tctsi.decimals);
  expect(placed.minAveragePriceX64).toBe(limitX64.toString());
  expect(BigInt(placed.amountOutMin)).toBeGreaterThan(0n);
  expect(BigInt(placed.amountOutMin)).toBeLessThanOrEqual(expected);
  await expect(page.getByTestId(testIds.swap.orderRate(placed.id))).toContainText(/(4|3\.[3-9]\d*) tCTSI\/minute/);
});

test('every order has its own page: owner, progress, figures and cancel for the owner; others see it without cancel', async ({ page, browser, wallet, stack, chain }) => {
  test.setTimeout(180_000);
  const tctsi = tokenBySymbol(stack, 'tCTSI');
  const tusd = tokenBySymbol(stack, 'tUSD');
  await deepPool(chain, tctsi.address, tusd.address);
  await chain.fundInApp(CAREFUL_TRADER, tctsi.address, parseUnits('100', tctsi.decimals));
  const owner = wallet(CAREFUL_TRADER);
  const orders = () => chain.inspect<{ orders: OrderView[] }>(`orders/${owner.address}`);
  const before = (await orders()).orders.length;
  await chain.sendDappInput(CAREFUL_TRADER, { functionName: 'swap', args: [tctsi.address, tusd.address, parseUnits('60', tctsi.decimals), 0n, 0n, 3_600n] });
  await expect.poll(async () => (await orders()).orders.length).toBe(before + 1);
  const order = (await orders()).orders.reduce((a, b) => (BigInt(a.id) > BigInt(b.id) ? a : b));

  await owner.connect(page);
  await page.getByTestId(testIds.nav('swap')).click();
  await page.getByTestId(testIds.swap.orderLink(order.id)).click();
  await expect(page).toHaveURL(new RegExp(`#/order/${order.id}$`));
  const detail = page.getByTestId(testIds.order.page);
  await expect(detail.getByRole('heading', { level: 1 })).toHaveText(`DCA order #${order.id}`);
  await expect(page.getByTestId(testIds.order.owner)).toHaveAttribute('title', owner.address);
  await expect(detail).toContainText('(you)');
  await expect(page.getByTestId(testIds.order.status)).toHaveText('Active');
  // 16 minutes of an order that runs 60 to 61 minutes (the minute grid): over a quarter is sold
  await chain.advanceTime(960);
  await expect.poll(async () => BigInt((await page.getByTestId(testIds.order.sold).getAttribute('data-value')) ?? '0')).toBeGreaterThanOrEqual(parseUnits('15', tctsi.decimals));
  await expect(page.getByTestId(testIds.order.average)).toContainText('tUSD/tCTSI');
  await expect(page.getByTestId(testIds.order.chart)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('1-order-page.png'), fullPage: true });

  // the owner cancels from the page, after the confirmation
  await page.getByTestId(testIds.order.cancel).click();
  await expect(page.getByTestId(testIds.swap.cancelRefund)).toContainText('tCTSI');
  await page.getByTestId(`${testIds.swap.cancelDialog}-confirm`).click();
  await expect(page.getByTestId(testIds.order.status)).toHaveText('Canceled');
  await expect.poll(async () => (await chain.inspect<OrderView>(`order/${order.id}`)).status).toBe('canceled');
  await expect(page.getByTestId(testIds.order.cancel)).toBeHidden();

  // the link works for anyone; only the owner gets a cancel button
  await chain.sendDappInput(CAREFUL_TRADER, { functionName: 'swap', args: [tctsi.address, tusd.address, parseUnits('10', tctsi.decimals), 0n, 0n, 3_600n] });
  const open = (await orders()).orders.reduce((a, b) => (BigInt(a.id) > BigInt(b.id) ? a : b));
  // someone the link was shared with: another browser, no wallet
  const visitor = await browser.newPage();
  await visitor.goto(`${stack.web}#/order/${open.id}`);
  await expect(visitor.getByTestId(testIds.order.status)).toHaveText('Active');
  await expect(visitor.getByTestId(testIds.order.owner)).toHaveAttribute('title', owner.address);
  await expect(visitor.getByTestId(testIds.order.page)).toContainText('Only the owner can cancel this order.');
  await expect(visitor.getByTestId(testIds.order.cancel)).toBeHidden();
  await visitor.goto(`${stack.web}#/order/999999`);
  await expect(visitor.getByTestId(testIds.order.notFound)).toHaveText('There is no order #999999.');
  await visitor.close();
});

/** A deep tCTSI/tUSD pool from the market maker (whatever other flows did to the pair before). */
async function deepPool(chain: Parameters<Parameters<typeof test>[2]>[0]['chain'], a: `0x${string}`, b: `0x${string}`) {
  await chain.fundInApp(MARKET_MAKER, a, parseUnits('10000', 18));
  await chain.fundInApp(MARKET_MAKER, b, parseUnits('20000', 6));
  await chain.sendDappInput(MARKET_MAKER, { functionName: 'addLiquidity', args: [a, b, parseUnits('10000', 18), parseUnits('20000', 6), 0n, 0n] });
}
