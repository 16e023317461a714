import {
  AppError,
  type BalancesView,
  type DigestView,
  type HistoryView,
  MAX_UINT256,
  type OrdersView,
  type PoolsView,
  type StatusView,
  type StreamsView,
  type TokensView,
} from '@streamswap/protocol';
import type { StreamSwapApp } from '../app/StreamSwapApp.js';
import { parseAddressParam, parsePage, parseTimeParam, parseUintParam } from './params.js';
import { balanceView, historyPoints, orderView, poolView, quoteView, streamView } from './views.js';

type Handler = (app: StreamSwapApp, args: string[], query: URLSearchParams, now: bigint) => unknown;

const at = (query: URLSearchParams, now: bigint) => parseTimeParam('at', query.get('at'), now);

/** The fixed read-only routes: path pattern by first segment and argument count. Never SQL. */
const routes: Record<string, { args: number; handle: Handler }> = {
  status: {
    args: 0,
    handle: (app): StatusView => {
      const last = app.meta.lastInput();
      return { at: Number(last?.timestamp ?? 0n), lastInputIndex: last === undefined ? null : Number(last.index) };
    },
  },
  digest: { args: 0, handle: (app): DigestView => ({ digest: app.digest() }) },
  tokens: {
    args: 0,
    handle: (app, _args, _q, now): TokensView => ({
      at: Number(now),
      tokens: app.ledger.tokens().map((t) => ({ token: t.token, totalSupply: t.totalSupply.toString(), withdrawable: t.withdrawable })),
    }),
  },
  balance: {
    args: 2,
    handle: (app, [token, account], query, now) => {
      const tokenAddr = parseAddressParam('token', token);
      const accountAddr = parseAddressParam('account', account);
      const t = at(query, now);
      return balanceView(tokenAddr, accountAddr, t, app.ledger.balanceOf(tokenAddr, accountAddr, t));
    },
  },
  balances: {
    args: 1,
    handle: (app, [account], query, now): BalancesView => {
      const accountAddr = parseAddressParam('account', account);
      const t = at(query, now);
      // Tokens bought by an order count even before any proceeds were settled into the ledger.
      const orderTokens = app.amm.accountTokens(accountAddr);
      const tokens = [...new Set([...app.ledger.accountTokens(accountAddr), ...orderTokens])].sort((a, b) =>
        a.toLowerCase() < b.toLowerCase() ? -1 : 1,
      );
      return {
        account: accountAddr,
        at: Number(t),
        balances: tokens.map((token) => balanceView(token, accountAddr, t, app.ledger.balanceOf(token, accountAddr, t))),
      };
    },
  },
  streams: {
    args: 1,
    handle: (app, [account], query, now): StreamsView => {
      const accountAddr = parseAddressParam('account', account);
      const t = at(query, now);
      const page = parsePage(query);
      const incoming = app.ledger.streamsOf(accountAddr, 'incoming', t, page);
      const outgoing = app.ledger.streamsOf(accountAddr, 'outgoing', t, page);
      return {
        account: accountAddr,
        at: Number(t),
        incoming: incoming.streams.map(streamView),
        outgoing: outgoing.streams.map(streamView),
        totalIncoming: incoming.total,
        totalOutgoing: outgoing.total,
      };
    },
  },
  stream: {
    args: 1,
    handle: (app, [id], query, now) => {
      const streamId = parseUintParam('stream id', id, MAX_UINT256);
      const record = app.ledger.stream(streamId, at(query, now));
      if (!record) throw new AppError('STREAM_NOT_FOUND', `There is no stream with id ${streamId}.`);
      return streamView(record);
    },
  },
  orders: {
    args: 1,
    handle: (app, [account], query, now): OrdersView => {
      const accountAddr = parseAddressParam('account', account);
      const t = at(query, now);
      const { orders, total } = app.amm.ordersOf(accountAddr, t, parsePage(query));
      return { account: accountAddr, at: Number(t), orders: orders.map(orderView), total };
    },
  },
  order: {
    args: 1,
    handle: (app, [id], query, now) => {
      const orderId = parseUintParam('order id', id, MAX_UINT256);
      const record = app.amm.order(orderId, at(query, now));
      if (!record) throw new AppError('ORDER_NOT_FOUND', `There is no order with id ${orderId}.`);
      return orderView(record);
    },
  },
  pool: {
    args: 2,
    handle: (app, [a, b], query, now) => {
      const tokenA = parseAddressParam('tokenA', a);
      const tokenB = parseAddressParam('tokenB', b);
      const pool = app.amm.pool(tokenA, tokenB, at(query, now));
      if (!pool) throw new AppError('PAIR_NOT_FOUND', `There is no pool for ${tokenA} and ${tokenB}.`);
      return poolView(pool);
    },
  },
  pools: {
    args: 0,
    handle: (app, _args, query, now): PoolsView => {
      const t = at(query, now);
      return { at: Number(t), pools: app.amm.pools(t).map(poolView) };
    },
  },
  history: {
    args: 2,
    handle: (app, [a, b], query, now): HistoryView => {
      const tokenA = parseAddressParam('tokenA', a);
      const tokenB = parseAddressParam('tokenB', b);
      const to = parseTimeParam('to', query.get('to'), now);
      const from = parseTimeParam('from', query.get('from'), to > 86_400n ? to - 86_400n : 0n);
      if (from > to) throw new AppError('INVALID_PARAMETER', `The range from ${from} to ${to} is empty: from must not be after to.`);
      return { tokenA, tokenB, from: Number(from), to: Number(to), points: historyPoints(app.amm.history(tokenA, tokenB, from, to)) };
    },
  },
  quote: {
    args: 3,
    handle: (app, [tokenIn, tokenOut, amountIn], query, now) => {
      const duration = parseTimeParam('duration', query.get('duration'), 0n);
      return quoteView(
        app.amm.quote(
          parseAddressParam('tokenIn', tokenIn),
          parseAddressParam('tokenOut', tokenOut),
          parseUintParam('amountIn', amountIn, MAX_UINT256),
          duration,
          at(query, now),
        ),
      );
    },
  },
};

/**
 * Answers one inspect route (`balance/<token>/<account>?at=...`) with its view, or throws an AppError
 * (UNKNOWN_ROUTE, INVALID_PARAMETER, or a not-found code). Reads only: it never writes.
 */
export function inspectRoute(app: StreamSwapApp, route: string): unknown {
  const [path = '', queryString = ''] = route.trim().replace(/^\/+/, '').split('?', 2);
  const [name = '', ...args] = path.split('/').filter((segment) => segment !== '');
  const entry = Object.hasOwn(routes, name) ? routes[name] : undefined;
  if (!entry || entry.args !== args.length) {
    throw new AppError('UNKNOWN_ROUTE', `The inspect route "${path}" does not exist; see the routes listed in the README.`);
  }
  return entry.handle(app, args, new URLSearchParams(queryString), app.now());
}
