import { lpTokenAddress } from '@streamswap/protocol';
import { parseUnits } from 'viem';
import { expect, test } from '../src/fixtures.js';
import { tokenBySymbol } from '../src/stack/stackInfo.js';
import { testIds } from '../src/testIds.js';

const PROVIDER = 5;

interface PoolView { reserveA: string; reserveB: string; totalSupply: string }
interface BalanceView { balance: string; available: string }

test('provides liquidity, shows the position and the pool charts, and removes a quarter of it', async ({ page, wallet, stack, chain }) => {
  const tctsi = tokenBySymbol(stack, 'tCTSI');
  const tusd = tokenBySymbol(stack, 'tUSD');
  const lp = lpTokenAddress(tctsi.address, tusd.address);
  const w = wallet(PROVIDER);
  await chain.fundInApp(PROVIDER, tctsi.address, parseUnits('1000', tctsi.decimals));
  await chain.fundInApp(PROVIDER, tusd.address, parseUnits('5000', tusd.decimals));
  const balance = async (token: string) => BigInt((await chain.inspect<BalanceView>(`balance/${token}/${w.address}`)).balance);
  const poolView = async () => {
    const v = await chain.inspect<PoolView | { error: unknown }>(`pool/${tctsi.address}/${tusd.address}`);
    return 'error' in v ? undefined : v;
  };
  const fresh = ((await poolView())?.reserveA ?? '0') === '0';

  await w.connect(page);
  await page.getByTestId(testIds.nav('pool')).click();
  await page.getByTestId(testIds.pool.tokenA).selectOption({ label: 'tCTSI' });
  await page.getByTestId(testIds.pool.tokenB).selectOption({ label: 'tUSD' });
  await expect(page.getByTestId(testIds.pool.position)).toContainText('You have no liquidity in this pool.');

  await page.getByTestId(testIds.pool.amountA).fill('100');
  if (fresh) {
    // the first provider sets the price, and is told so
    await expect(page.getByTestId(testIds.pool.firstLp)).toBeVisible();
    await page.getByTestId(testIds.pool.amountB).fill('200');
  } else {
    // the second amount follows from the reserves
    await expect(page.getByTestId(testIds.pool.firstLp)).toBeHidden();
    await expect(page.getByTestId(testIds.pool.amountB)).not.toHaveValue('');
  }
  await expect(page.getByTestId(testIds.pool.share)).toContainText('%');
  await page.screenshot({ path: test.info().outputPath('1-add.png') });
  const add = page.getByTestId(testIds.pool.addSubmit);
  await expect(add).toHaveText('Add liquidity');
  await add.click();

  // the node credits LP tokens and takes 100 tCTSI; the page shows the position
  await expect.poll(() => balance(lp)).toBeGreaterThan(0n);
  const lpTokens = await balance(lp);
  expect(await balance(tctsi.address)).toBe(parseUnits('900', tctsi.decimals));
  const position = page.getByTestId(testIds.pool.position);
  await expect(position).toContainText('Pooled tCTSI');
  await expect(position).toContainText('Share of pool');
  await expect(page.getByTestId(testIds.pool.amountA)).toHaveValue('');
  if (fresh) await expect(page.getByTestId(testIds.pool.chartEmpty)).toContainText('No trades in this range yet');

  // a few minutes later (a new chart bucket), remove 25%
  await chain.advanceTime(180);
  await page.getByTestId(testIds.pool.removeChip(25)).click();
  await expect(page.getByTestId(testIds.pool.removePercent)).toHaveValue('25');
  const before = await poolView();
  await page.getByTestId(testIds.pool.removeSubmit).click();

  await expect.poll(() => balance(lp)).toBe(lpTokens - (lpTokens * 25n) / 100n);
  const after = await poolView();
  expect(BigInt(after!.reserveA)).toBeLessThan(BigInt(before!.reserveA));
  expect(BigInt(after!.totalSupply)).toBe(BigInt(before!.totalSupply) - (lpTokens * 25n) / 100n);
  expect(await balance(tctsi.address)).toBeGreaterThan(parseUnits('900', tctsi.decimals));

  // two history points now: the price and reserves charts replace the empty state
  await expect(page.getByTestId(testIds.pool.priceChart)).toBeVisible();
  await expect(page.getByTestId(testIds.pool.reservesChart).locator('svg').first()).toBeVisible();
  await expect(page.getByTestId(testIds.pool.chartEmpty)).toBeHidden();
  await page.getByTestId(testIds.pool.range('all')).click();
  await expect(page.getByTestId(testIds.pool.priceChart)).toBeVisible();
  const history = await chain.inspect<{ points: unknown[] }>(`history/${tctsi.address}/${tusd.address}?from=0&to=${(await chain.chainNow()) + 60n}`);
  expect(history.points.length).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: test.info().outputPath('2-position-and-charts.png'), fullPage: true });
});
