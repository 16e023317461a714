import { lpTokenAddress } from '@streamswap/protocol';
import { parseUnits } from 'viem';
import { expect, test } from '../src/fixtures.js';
import { tokenBySymbol } from '../src/stack/stackInfo.js';
import { testIds } from '../src/testIds.js';

const PROVIDER = 5;

interface PoolView { reserveA: string; reserveB: string; totalSupply: string }
interface BalanceView { balance: string; available: string }

test('provides liquidity, shows the headline figures, the position and the pool charts, and removes a quarter of it after confirming', async ({ page, wallet, stack, chain }) => {
  test.setTimeout(180_000);
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

  // the headline and the position are valued in the quote token, from the same reserves
  // (within 0.1%: DCA orders of other flows may move the reserves between the page's read and ours)
  const tvlMatches = async () => {
    const view = (await poolView())!;
    const tvl = BigInt(view.reserveB) + (BigInt(view.reserveA) * BigInt(view.reserveB)) / BigInt(view.reserveA);
    const shown = BigInt((await page.getByTestId(testIds.pool.headTvl).getAttribute('data-base-units')) ?? '0');
    return shown * 1_000n >= tvl * 999n && shown * 1_000n <= tvl * 1_001n;
  };
  await expect(page.getByTestId(testIds.pool.headPrice)).toContainText('1 tCTSI =');
  await expect.poll(tvlMatches).toBe(true);
  await expect(page.getByTestId(testIds.pool.positionValue)).toContainText('tUSD');
  await expect(page.getByTestId(testIds.pool.headPosition)).toHaveAttribute('data-base-units', (await page.getByTestId(testIds.pool.positionValue).getAttribute('data-base-units'))!);

  // removal starts at nothing, and the button says so
  const remove = page.getByTestId(testIds.pool.removeSubmit);
  await expect(page.getByTestId(testIds.pool.removePercent)).toHaveValue('0');
  await expect(remove).toHaveText('Choose how much to remove');
  await expect(remove).toBeDisabled();

  // a few minutes later (a new chart bucket), remove 25%: it asks first, showing what comes back
  await chain.advanceTime(180);
  await page.getByTestId(testIds.pool.removeChip(25)).click();
  await expect(page.getByTestId(testIds.pool.removePercent)).toHaveValue('25');
  const before = await poolView();
  await remove.click();
  const dialog = page.getByTestId(testIds.pool.removeDialog);
  await expect(dialog.getByRole('heading')).toHaveText('Remove 25% of your tCTSI/tUSD liquidity?');
  await expect(dialog).toContainText('You get back tCTSI');
  await expect(dialog).toContainText('You get back tUSD');
  await page.screenshot({ path: test.info().outputPath('2-remove-confirm.png') });
  await page.getByTestId(`${testIds.pool.removeDialog}-confirm`).click();

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
  await expect(page.getByTestId(testIds.pool.removePercent)).toHaveValue('0');
  await page.screenshot({ path: test.info().outputPath('3-position-and-charts.png'), fullPage: true });
});
