import { parseUnits } from 'viem';
import { applicationAbi } from '@streamswap/contracts/abis';
import { expect, test } from '../src/fixtures.js';
import { tokenBySymbol } from '../src/stack/stackInfo.js';
import { testIds } from '../src/testIds.js';

const ACCOUNT = 7;

test('withdraws, waits for the voucher proof, executes it on L1, and a second execution is refused with words', async ({ page, browser, wallet, stack, chain }) => {
  const tusd = tokenBySymbol(stack, 'tUSD');
  const w = wallet(ACCOUNT);
  await chain.fundInApp(ACCOUNT, tusd.address, parseUnits('100', tusd.decimals));
  const l1Before = await chain.l1Balance(tusd.address, w.address);

  await w.connect(page);
  await page.getByTestId(testIds.portfolio.withdrawToken).selectOption({ label: 'tUSD' });
  await page.getByTestId(testIds.portfolio.withdrawAmount).fill('40');
  await expect(page.getByTestId(testIds.portfolio.withdrawSubmit)).toHaveText('Withdraw tUSD');
  await page.getByTestId(testIds.portfolio.withdrawSubmit).click();
  await expect.poll(async () => (await chain.inspect<{ balance: string }>(`balance/${tusd.address}/${w.address}`)).balance).toBe(parseUnits('60', tusd.decimals).toString());
  // the toast tells the outcome from the app's notice, and what comes next
  await expect(page.getByTestId(testIds.toast).filter({ hasText: 'Withdrawal of 40 tUSD requested' })).toBeVisible();
  // Portfolio lists it on its way to the wallet
  await expect(page.getByTestId(testIds.portfolio.pendingWithdrawals)).toContainText('40 tUSD');

  // the voucher: proof pending until the epoch is claimed, then ready
  await page.getByTestId(testIds.nav('activity')).click();
  const rows = page.locator('[data-testid^="voucher-row-"]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('40 tUSD');
  const id = (await rows.first().getAttribute('data-testid'))!.slice('voucher-row-'.length);
  // the node lists it as a voucher to the token contract, with a proof once the epoch is claimed
  const voucher = (await chain.cartesi.listOutputs({ application: stack.addressBook.application, outputType: 'Voucher' } as never)).data.find((o) => o.index === BigInt(id));
  expect(voucher?.decodedData).toMatchObject({ type: 'Voucher', destination: tusd.address });
  const status = page.getByTestId(testIds.activity.voucherStatus(id));
  await expect(status).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  // the nav says there is something to execute, wherever the user is
  const badge = page.getByTestId(testIds.activity.readyBadge);
  await expect(badge).toHaveText('1');
  await expect(badge).toHaveAttribute('aria-label', '1 withdrawal ready to execute');
  await page.screenshot({ path: test.info().outputPath('1-ready.png') });

  // a second tab of the same user, still showing the voucher as ready (its reads of wasOutputExecuted are stale)
  const staleContext = await browser.newContext();
  const stalePage = await staleContext.newPage();
  try {
    await stalePage.route(`${stack.anvil}`, async (route) => {
      const body = route.request().postDataJSON() as { method?: string; params?: [{ data?: string; input?: string }] } | { method?: string; params?: [{ data?: string; input?: string }] }[];
      const calls = Array.isArray(body) ? body : [body];
      const wasExecuted = '0x71891db0'; // wasOutputExecuted(uint256)
      if (calls.some((c) => c.method === 'eth_call' && (c.params?.[0]?.data ?? c.params?.[0]?.input ?? '').startsWith(wasExecuted))) {
        const answers = await Promise.all(
          calls.map(async (c) =>
            c.method === 'eth_call' && (c.params?.[0]?.data ?? c.params?.[0]?.input ?? '').startsWith(wasExecuted)
              ? { jsonrpc: '2.0', id: (c as { id?: number }).id, result: `0x${'0'.repeat(64)}` }
              : ((await (await fetch(stack.anvil, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(c) })).json()) as object),
          ),
        );
        await route.fulfill({ contentType: 'application/json', body: JSON.stringify(Array.isArray(body) ? answers : answers[0]) });
      } else await route.continue();
    });
    await w.connect(stalePage);
    await stalePage.getByTestId(testIds.nav('activity')).click();
    await expect(stalePage.getByTestId(testIds.activity.voucherStatus(id))).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });

    // execute it from the first tab: the tokens arrive on L1
    await page.getByTestId(testIds.activity.execute(id)).click();
    await expect(status).toHaveAttribute('data-status', 'executed');
    await expect(page.getByTestId(testIds.activity.execute(id))).toBeHidden();
    await expect(badge).toBeHidden();
    expect(await chain.l1Balance(tusd.address, w.address)).toBe(l1Before + parseUnits('40', tusd.decimals));
    expect(await chain.publicClient.readContract({ address: stack.addressBook.application, abi: applicationAbi, functionName: 'wasOutputExecuted', args: [BigInt(id)] })).toBe(true);
    await page.screenshot({ path: test.info().outputPath('2-executed.png') });

    // the second tab tries again: the simulation is refused and the page says why, in words; nothing moves on L1
    await stalePage.getByTestId(testIds.activity.execute(id)).click();
    await expect(stalePage.getByTestId(testIds.toast).filter({ hasText: 'Already executed' })).toBeVisible();
    await stalePage.screenshot({ path: test.info().outputPath('3-second-execution-refused.png') });
    expect(await chain.l1Balance(tusd.address, w.address)).toBe(l1Before + parseUnits('40', tusd.decimals));
  } finally {
    await staleContext.close();
  }
});
