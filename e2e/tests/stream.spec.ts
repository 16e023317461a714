import { parseUnits } from 'viem';
import { expect, test, tickingValue } from '../src/fixtures.js';
import { tokenBySymbol } from '../src/stack/stackInfo.js';
import { testIds } from '../src/testIds.js';

const SENDER = 3;
const RECEIVER = 4;
const HOUR = 3_600;

interface StreamView { id: string; status: string; streamed: string; remaining: string; amount: string; receiver: string }

test('starts a stream, ticks the receiver balance at chain time in step with inspect, and cancels it', async ({ page, browser, wallet, stack, chain }) => {
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
  await page.getByTestId(testIds.streams.preset('1 hour')).click();
  await expect(page.getByTestId(testIds.streams.preview)).toContainText('tCTSI/second');
  await page.screenshot({ path: test.info().outputPath('1-form.png') });
  await page.getByTestId(testIds.streams.submit).click();

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

    // the sender cancels: the receiver keeps what was streamed, the rest goes back
    await page.getByTestId(testIds.streams.cancel(stream.id)).click();
    await expect(page.getByTestId(testIds.streams.status(stream.id))).toHaveText('Canceled');
    const canceled = (await streams()).outgoing[0]!;
    expect(canceled.status).toBe('canceled');
    const streamed = BigInt(canceled.streamed);
    expect(streamed).toBeGreaterThanOrEqual(amount / 3n);
    expect(streamed).toBeLessThan(amount);
    await page.screenshot({ path: test.info().outputPath('3-canceled.png') });

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
