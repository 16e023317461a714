import { formatUnits, parseUnits } from 'viem';
import { expect, test, tickingValue } from '../src/fixtures.js';
import { tokenBySymbol } from '../src/stack/stackInfo.js';
import { testIds } from '../src/testIds.js';

const SENDER = 3;
const RECEIVER = 4;
const HOUR = 3_600;

interface StreamView { id: string; status: string; streamed: string; remaining: string; amount: string; receiver: string; canceledAt: number | null }

test('starts a stream, ticks the receiver balance at chain time in step with inspect, and cancels it', async ({ page, browser, wallet, stack, chain }) => {
  // many steps (form checks, two pages, a confirmation, the stream page) on a shared, loaded machine
  test.setTimeout(180_000);
  const tctsi = tokenBySymbol(stack, 'tCTSI');
  const amount = parseUnits('100', tctsi.decimals);
  const sender = wallet(SENDER);
  const receiver = wallet(RECEIVER);
  await chain.fundInApp(SENDER, tctsi.address, parseUnits('500', tctsi.decimals));

  await sender.connect(page);
  await page.getByTestId(testIds.nav('streams')).click();
  await page.getByTestId(testIds.streams.receiver).fill(receiver.address);
  await page.getByTestId(testIds.streams.token).selectOption({ label: 'tCTSI' });
  await page.getByTestId(testIds.streams.amount).fill('100');

  // a custom duration keeps what was typed: decimals are read exactly, a negative number is refused with a reason
  await page.getByTestId(testIds.streams.preset('custom')).click();
  const custom = page.getByTestId(testIds.streams.customValue);
  await page.getByTestId(testIds.streams.customUnit).selectOption({ label: 'hours' });
  await custom.fill('1.5');
  await expect(custom).toHaveValue('1.5');
  await expect(page.getByTestId(testIds.streams.customDurationIs)).toHaveAttribute('data-value', '5400');
  await expect(page.getByTestId(testIds.streams.customDurationIs)).toHaveText('= 1h 30min');
  await expect(page.getByTestId(testIds.streams.previewRate)).toHaveAttribute('data-unit', 'minute');
  await custom.fill('-5');
  await expect(custom).toHaveValue('-5');
  await expect(page.getByTestId(testIds.streams.error('duration'))).toHaveText("A duration can't be negative: enter how long the stream lasts, like 2");
  await expect(page.getByTestId(testIds.streams.submit)).toBeDisabled();
  await expect(page.getByTestId(testIds.streams.submit)).toHaveText("A duration can't be negative: enter how long the stream lasts, like 2");
  await custom.fill('1,5');
  await expect(page.getByTestId(testIds.streams.error('duration'))).toContainText('plain number');
  await expect(custom).toHaveValue('1,5');

  // a one-hour stream reads per minute, not per month
  await page.getByTestId(testIds.streams.preset('1 hour')).click();
  await expect(page.getByTestId(testIds.streams.preview)).toContainText('tCTSI/minute');
  await page.screenshot({ path: test.info().outputPath('1-form.png') });
  await page.getByTestId(testIds.streams.submit).click();
  // once the wallet answered, one pending toast follows the input and turns into the outcome from the notice
  const outcome = page.getByTestId(testIds.toast).filter({ hasText: 'opened: 100 tCTSI to' });
  await expect(outcome).toBeVisible();
  await expect(outcome).not.toHaveAttribute('data-pending', 'true');
  await expect(page.getByTestId(testIds.streams.submit)).not.toHaveText(/Confirm in wallet/);

  // the node has the stream...
  const streams = () => chain.inspect<{ outgoing: StreamView[] }>(`streams/${sender.address}`);
  await expect.poll(async () => (await streams()).outgoing.length).toBe(1);
  const stream = (await streams()).outgoing[0]!;
  expect(stream.receiver).toBe(receiver.address);
  expect(BigInt(stream.amount)).toBe(amount);
  // ...and the page lists it, streaming
  await expect(page.getByTestId(testIds.streams.status(stream.id))).toHaveText('Streaming');

  // the receiver's page, in another browser context with its own wallet
  const receiverContext = await browser.newContext();
  const receiverPage = await receiverContext.newPage();
  try {
    await receiver.connect(receiverPage);
    const balance = testIds.portfolio.balance('tCTSI');
    // ticks in the browser: the value grows between two reads without any new input
    await expect.poll(() => tickingValue(receiverPage, balance)).toBeGreaterThan(0n);
    const first = await tickingValue(receiverPage, balance);
    await expect.poll(() => tickingValue(receiverPage, balance)).toBeGreaterThan(first);

    // twenty minutes later on the chain, a third of the stream has reached the receiver
    await chain.advanceTime(HOUR / 3);
    await expect.poll(() => tickingValue(receiverPage, balance)).toBeGreaterThanOrEqual(amount / 3n);
    await receiverPage.screenshot({ path: test.info().outputPath('2-receiver-ticking.png') });

    // what the page shows lies between inspect's answers at chain times taken just before and just after reading it
    // (the page's clock runs from the latest block plus elapsed time, and may lag a poll interval behind)
    const before = Number(await chain.mineNow());
    const shown = await tickingValue(receiverPage, balance);
    const after = Number(await chain.mineNow());
    const at = async (t: number) => BigInt((await chain.inspect<{ balance: string }>(`balance/${tctsi.address}/${receiver.address}?at=${t}`)).balance);
    expect(shown).toBeGreaterThanOrEqual(await at(before - 10));
    expect(shown).toBeLessThanOrEqual(await at(after + 2));

    // the sender's row adds up on screen: In app = Available + Locked, from one instant
    await page.getByTestId(testIds.nav('portfolio')).click();
    const figure = async (id: string) => parseUnits(((await page.getByTestId(id).textContent()) ?? '').replace(/,/g, ''), tctsi.decimals);
    for (let i = 0; i < 3; i++) {
      const row = page.getByTestId(testIds.portfolio.row('tCTSI'));
      const [inApp, available, locked] = await row.evaluate((el) => ['balance', 'available', 'locked'].map((k) => el.querySelector(`[data-testid="portfolio-${k}-tCTSI"]`)!.textContent!));
      expect(parseUnits(inApp!.replace(/,/g, ''), tctsi.decimals)).toBe(parseUnits(available!.replace(/,/g, ''), tctsi.decimals) + parseUnits(locked!.replace(/,/g, ''), tctsi.decimals));
    }
    expect(await figure(testIds.portfolio.locked('tCTSI'))).toBeGreaterThan(0n);
    await page.getByTestId(testIds.nav('streams')).click();

    // the sender cancels: a confirmation first, naming the row and saying what each side ends with
    const cancel = page.getByRole('button', { name: new RegExp(`^Cancel stream #${stream.id} to 0x`) });
    await expect(cancel).toHaveAttribute('data-testid', testIds.streams.cancel(stream.id));
    await cancel.click();
    const dialog = page.getByTestId(testIds.streams.cancelDialog);
    await expect(dialog).toBeVisible();
    // both figures from one render (they move with the clock while the dialog is open)
    const [keepsText, backText] = await dialog.evaluate((d, ids) => ids.map((id) => d.querySelector(`[data-testid="${id}"]`)!.getAttribute('data-base-units')!), [testIds.streams.cancelKeeps, testIds.streams.cancelRefund]);
    const keeps = BigInt(keepsText!);
    const back = BigInt(backText!);
    expect(keeps + back).toBe(amount);
    expect(keeps).toBeGreaterThanOrEqual(amount / 3n);
    await page.screenshot({ path: test.info().outputPath('3a-confirm-cancel.png') });
    // keeping it closes the dialog and changes nothing
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(cancel).toBeFocused();
    expect((await streams()).outgoing[0]!.status).toBe('streaming');
    await cancel.click();
    await dialog.getByTestId(`${testIds.streams.cancelDialog}-confirm`).click();
    await expect(page.getByTestId(testIds.streams.status(stream.id))).toHaveText('Canceled');
    const canceled = (await streams()).outgoing[0]!;
    expect(canceled.status).toBe('canceled');
    const streamed = BigInt(canceled.streamed);
    expect(streamed).toBeGreaterThanOrEqual(amount / 3n);
    expect(streamed).toBeLessThan(amount);
    // the toast says what each side ended with, from the app's notice
    await expect(page.getByTestId(testIds.toast).filter({ hasText: `Stream #${stream.id} canceled: the receiver keeps` })).toBeVisible();
    // the row says when it was canceled and what went where; no "ends" any more
    const info = page.getByTestId(testIds.streams.canceledInfo(stream.id));
    await expect(info).toContainText('The receiver kept');
    await expect(info).toContainText('Refunded to the sender');
    await expect(page.getByTestId(testIds.streams.row(stream.id))).toContainText('Canceled ');
    await expect(page.getByTestId(testIds.streams.row(stream.id))).not.toContainText('ends ');
    await page.screenshot({ path: test.info().outputPath('3-canceled.png') });

    // the stream's own page, shareable: the receiver opens the link and sees the same figures, no cancel button
    await receiverPage.goto(`${stack.web}#/stream/${stream.id}`);
    const detail = receiverPage.getByTestId(testIds.streams.detail);
    await expect(detail).toContainText(sender.address);
    await expect(detail).toContainText(receiver.address);
    await expect(receiverPage.getByTestId(testIds.streams.detailStreamed)).toHaveAttribute('data-base-units', streamed.toString());
    await expect(receiverPage.getByTestId(testIds.streams.detailRemaining)).toHaveAttribute('data-base-units', (amount - streamed).toString());
    // every amount carries its exact value for hover (title) and copy, whatever the shown digits
    await expect(receiverPage.getByTestId(testIds.streams.detailRemaining)).toHaveAttribute('title', `${formatUnits(amount - streamed, tctsi.decimals)} tCTSI`);
    await expect(receiverPage.getByTestId(testIds.streams.chart(stream.id))).toHaveAttribute('data-end', canceled.canceledAt!.toString());
    await expect(receiverPage.getByTestId(testIds.streams.cancel(stream.id))).toHaveCount(0);
    await receiverPage.screenshot({ path: test.info().outputPath('4-stream-page.png'), fullPage: true });
    await receiverPage.goto(`${stack.web}#/portfolio`);

    // the receiver's balance stops at exactly what was streamed, as inspect says
    await expect.poll(() => tickingValue(receiverPage, balance)).toBe(streamed);
    const view = await chain.inspect<{ balance: string; rateX64: string }>(`balance/${tctsi.address}/${receiver.address}`);
    expect(BigInt(view.balance)).toBe(streamed);
    expect(view.rateX64).toBe('0');
    const senderView = await chain.inspect<{ balance: string }>(`balance/${tctsi.address}/${sender.address}`);
    expect(BigInt(senderView.balance)).toBe(parseUnits('500', tctsi.decimals) - streamed);
  } finally {
    await receiverContext.close();
  }
});
