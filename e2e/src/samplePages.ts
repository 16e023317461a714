import { parseUnits } from 'viem';
import type { ChainTools } from './chain.js';
import { devAddress } from './chain.js';
import { tokenBySymbol, type StackInfo } from './stack/stackInfo.js';
import { testIds } from './testIds.js';

/**
 * The account whose pages the accessibility scan and the 390 px pass visit (shared with the swap flow's careful
 * trader, which never asserts its absolute balances), and the market maker that keeps the pair deep.
 */
export const VISITOR = 9;
const MARKET_MAKER = 8;

interface OrderView { id: string; owner: string }
interface StreamView { id: string }

export interface SamplePage {
  name: string;
  /** hash route */
  hash: string;
  /** a selector that is on screen once the page shows its data */
  ready: string;
}

const tid = (id: string) => `[data-testid="${id}"]`;

/**
 * Gives every page something to show for VISITOR: a tCTSI/tUSD pool with a position, a DCA order, a stream to
 * someone, inputs in Activity. Returns every page of the app, the nav screens and the own pages of one order and one stream.
 */
export async function preparePages(stack: StackInfo, chain: ChainTools): Promise<SamplePage[]> {
  const tctsi = tokenBySymbol(stack, 'tCTSI');
  const tusd = tokenBySymbol(stack, 'tUSD');
  const visitor = devAddress(VISITOR);
  await chain.fundInApp(MARKET_MAKER, tctsi.address, parseUnits('1000', tctsi.decimals));
  await chain.fundInApp(MARKET_MAKER, tusd.address, parseUnits('2000', tusd.decimals));
  await chain.sendDappInput(MARKET_MAKER, { functionName: 'addLiquidity', args: [tctsi.address, tusd.address, parseUnits('1000', tctsi.decimals), parseUnits('2000', tusd.decimals), 0n, 0n] });
  await chain.fundInApp(VISITOR, tctsi.address, parseUnits('500', tctsi.decimals));
  await chain.fundInApp(VISITOR, tusd.address, parseUnits('500', tusd.decimals));
  await chain.sendDappInput(VISITOR, { functionName: 'addLiquidity', args: [tctsi.address, tusd.address, parseUnits('50', tctsi.decimals), parseUnits('500', tusd.decimals), 0n, 0n] });
  // short, so it is over before flows that need a quiet pair run
  await chain.sendDappInput(VISITOR, { functionName: 'swap', args: [tctsi.address, tusd.address, parseUnits('5', tctsi.decimals), 0n, 0n, 300n] });
  await chain.sendDappInput(VISITOR, { functionName: 'stream', args: [tctsi.address, devAddress(MARKET_MAKER), parseUnits('36', tctsi.decimals), 0n, 3_600n] });
  const orders = await chain.inspect<{ orders: OrderView[] }>(`orders/${visitor}`);
  const streams = await chain.inspect<{ outgoing: StreamView[] }>(`streams/${visitor}`);
  const newest = <T extends { id: string }>(list: T[]) => list.reduce((a, b) => (BigInt(a.id) > BigInt(b.id) ? a : b));
  const order = newest(orders.orders);
  const stream = newest(streams.outgoing);
  return [
    { name: 'portfolio', hash: '#/portfolio', ready: tid(testIds.portfolio.row('tCTSI')) },
    { name: 'streams', hash: '#/streams', ready: tid(testIds.streams.amount) },
    { name: 'swap', hash: '#/swap', ready: tid(testIds.swap.amount) },
    { name: 'pool', hash: '#/pool', ready: tid(testIds.pool.headline) },
    { name: 'activity', hash: '#/activity', ready: tid(testIds.activity.vouchers) },
    { name: `order-${order.id}`, hash: `#/order/${order.id}`, ready: tid(testIds.order.page) },
    { name: `stream-${stream.id}`, hash: `#/stream/${stream.id}`, ready: tid(testIds.streams.detail) },
  ];
}
