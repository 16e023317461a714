import { parseUnits } from 'viem';
import { expect, test } from '../src/fixtures.js';
import { tokenBySymbol } from '../src/stack/stackInfo.js';
import { testIds } from '../src/testIds.js';

const TRADER = 6;
const MARKET_MAKER = 8;

interface BalanceView { balance: string; available: string }
interface OrderView { id: string; status: string; sold: string; bought: string; amountIn: string; closedAt: number | null }

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

  // instant swap
  await page.getByTestId(testIds.swap.amount).fill('10');
  await expect(page.getByTestId(testIds.swap.durationLabel)).toHaveText('Instant');
  await expect(page.getByTestId(testIds.swap.amountOut)).toContainText('tUSD');
  await expect(page.getByTestId(testIds.swap.submit)).toHaveText('Swap');
  await page.screenshot({ path: test.info().outputPath('1-instant-quote.png') });
  await page.getByTestId(testIds.swap.submit).click();
  await expect.poll(() => balance(tusd.address)).toBeGreaterThan(0n);
  const boughtInstantly = await balance(tusd.address);
  expect(await balance(tctsi.address)).toBe(funded - parseUnits('10', tctsi.decimals));
  await expect(page.getByTestId(testIds.swap.amount)).toHaveValue('');

  // DCA: spread 100 tCTSI over one hour with the slider
  await page.getByTestId(testIds.swap.amount).fill('100');
  await page.getByTestId(testIds.swap.duration).fill('2');
  await expect(page.getByTestId(testIds.swap.durationLabel)).toHaveText('1 hour');
  await expect(page.getByTestId(testIds.swap.submit)).toHaveText('Place DCA order');
  await expect(page.getByTestId(testIds.swap.quote)).toContainText('Sold per hour');
  await page.screenshot({ path: test.info().outputPath('2-dca-quote.png') });
  await page.getByTestId(testIds.swap.submit).click();

  const orders = () => chain.inspect<{ orders: OrderView[] }>(`orders/${w.address}`);
  await expect.poll(async () => (await orders()).orders.length).toBe(1);
  const order = (await orders()).orders[0]!;
  expect(BigInt(order.amountIn)).toBe(parseUnits('100', tctsi.decimals));
  const row = page.getByTestId(testIds.swap.order(order.id));
  await expect(page.getByTestId(testIds.swap.orderStatus(order.id))).toHaveText('Active');
  const progress = async () => Number(await row.getByRole('progressbar').getAttribute('aria-valuenow'));

  // twenty minutes of chain time: about a third is sold, on the page and in the node
  await chain.advanceTime(1_200);
  await expect.poll(progress).toBeGreaterThanOrEqual(33);
  expect(await progress()).toBeLessThan(100);
  const now = await chain.chainNow();
  const projected = await chain.inspect<OrderView>(`order/${order.id}?at=${now}`);
  expect(BigInt(projected.sold)).toBeGreaterThanOrEqual(parseUnits('100', tctsi.decimals) / 3n);
  expect(BigInt(projected.bought)).toBeGreaterThan(0n);
  await page.screenshot({ path: test.info().outputPath('3-dca-progress.png') });

  // cancel the rest: unsold input comes back, proceeds stay
  await page.getByTestId(testIds.swap.orderCancel(order.id)).click();
  await expect(page.getByTestId(testIds.swap.orderStatus(order.id))).toHaveText('Canceled');
  const closed = await chain.inspect<OrderView>(`order/${order.id}`);
  expect(closed.status).toBe('canceled');
  const sold = BigInt(closed.sold);
  expect(sold).toBeGreaterThan(0n);
  expect(sold).toBeLessThan(parseUnits('100', tctsi.decimals));
  expect(await balance(tctsi.address)).toBe(funded - parseUnits('10', tctsi.decimals) - sold);
  expect(await balance(tusd.address)).toBe(boughtInstantly + BigInt(closed.bought));
  await expect(row.getByRole('button', { name: 'Cancel' })).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('4-canceled.png') });
});
