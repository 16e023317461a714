import { type StreamSwapApp, inspectRoute } from '@streamswap/dapp';
import {
  AppError,
  type BalanceView,
  type BalancesView,
  MAX_TIME,
  type OrderView,
  type StreamView,
  lpTokenAddress,
} from '@streamswap/protocol';
// Errors come from graphql-yoga's own helper, never from an `import 'graphql'` here: graphql ships a CommonJS and an
// ES module build, and an error class from the other build than yoga's would be masked as "Unexpected error".
import { createGraphQLError, createSchema } from 'graphql-yoga';
import { type Address, getAddress, isAddress } from 'viem';
import { httpStatusOf } from '../http/routeAnswer.js';
import { holders, orderIds, pairs, streamIds } from './listQueries.js';
import { typeDefs } from './typeDefs.js';

export interface GraphQLContextSource {
  app: StreamSwapApp;
  /** The last replayed input, -1 before any. */
  processedInputIndex(): number;
}

const MAX_FIRST = 500;
/** Rows a status-filtered page may scan before it returns what it found (with hasNextPage). */
const MAX_SCAN = 5_000;

const bad = (message: string, code = 'INVALID_PARAMETER') => createGraphQLError(message, { extensions: { code, http: { status: httpStatusOf(code) } } });

/** Runs an inspect route: the one place reads are computed. AppErrors become GraphQL errors with the same code. */
function view<T>(app: StreamSwapApp, route: string): T {
  try {
    return inspectRoute(app, route) as T;
  } catch (error) {
    if (error instanceof AppError) throw bad(error.message, error.code);
    throw createGraphQLError(`The read failed: ${error instanceof Error ? error.message : String(error)}`, { extensions: { code: 'INTERNAL_ERROR' } });
  }
}

function viewOrNull<T>(app: StreamSwapApp, route: string): T | null {
  try {
    return inspectRoute(app, route) as T;
  } catch (error) {
    if (error instanceof AppError && error.code.endsWith('_NOT_FOUND')) return null;
    if (error instanceof AppError) throw bad(error.message, error.code);
    throw createGraphQLError(`The read failed: ${error instanceof Error ? error.message : String(error)}`, { extensions: { code: 'INTERNAL_ERROR' } });
  }
}

const atQuery = (at: number | null | undefined) => (at === null || at === undefined ? '' : `at=${at}`);
const withQuery = (route: string, ...parts: string[]) => {
  const q = parts.filter((p) => p !== '').join('&');
  return q ? `${route}?${q}` : route;
};

function address(name: string, value: string | null | undefined): Address | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isAddress(value, { strict: false })) throw bad(`The ${name} "${value}" is not an address.`);
  return getAddress(value);
}

function id(name: string, value: string): string {
  if (!/^(0|[1-9][0-9]{0,77})$/.test(value)) throw bad(`The ${name} "${value}" is not a whole number.`);
  return value;
}

function page(first: number, after: string | null | undefined): { first: number; after: bigint | null } {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) throw bad(`first must be from 1 to ${MAX_FIRST}, got ${first}.`);
  if (after === null || after === undefined) return { first, after: null };
  if (!/^(0|[1-9][0-9]{0,19})$/.test(after)) throw bad(`after "${after}" is not a cursor this API returned.`);
  return { first, after: BigInt(after) };
}

interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/**
 * Newest-first pages over ids (`fetch(before, n)`), keeping those `keep` accepts: scans until `first` are kept, the
 * ids run out, or MAX_SCAN rows were looked at. The cursor is the last id looked at.
 */
function scanPage<T>(
  fetch: (before: bigint | null, n: number) => bigint[],
  build: (id: bigint) => T | null,
  keep: (node: T) => boolean,
  first: number,
  after: bigint | null,
): Connection<T> {
  const edges: { cursor: string; node: T }[] = [];
  let before = after;
  let scanned = 0;
  let exhausted = false;
  while (edges.length < first && scanned < MAX_SCAN) {
    const ids = fetch(before, Math.min(Math.max(first * 2, 50), MAX_SCAN - scanned));
    if (ids.length === 0) {
      exhausted = true;
      break;
    }
    for (const i of ids) {
      scanned += 1;
      before = i;
      const node = build(i);
      if (node !== null && keep(node)) {
        edges.push({ cursor: i.toString(), node });
        if (edges.length === first) break;
      }
    }
  }
  const hasNextPage = !exhausted && before !== null && fetch(before, 1).length > 0;
  return { edges, nodes: edges.map((e) => e.node), pageInfo: { endCursor: before === null ? null : before.toString(), hasNextPage } };
}

/** The UnixTime scalar, as graphql-tools scalar resolvers (no graphql class needed here, see above). */
const UnixTime = {
  __serialize: (value: unknown) => Number(value),
  __parseValue: (value: unknown) => checkTime(typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value),
  __parseLiteral: (ast: { kind: string; value?: string }) => {
    if ((ast.kind === 'IntValue' || ast.kind === 'StringValue') && /^[0-9]+$/.test(ast.value ?? '')) return checkTime(Number(ast.value));
    throw bad('A UnixTime is a whole number of seconds.');
  },
};

function checkTime(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || BigInt(value) >= MAX_TIME) {
    throw bad(`A UnixTime is a whole number of seconds from 0 to ${MAX_TIME - 1n}, got ${String(value)}.`);
  }
  return value;
}

type Args = Record<string, unknown> & { at?: number | null; first?: number; after?: string | null };

export function readerSchema(source: GraphQLContextSource) {
  const app = source.app;
  return createSchema({
    typeDefs,
    resolvers: {
      UnixTime,
      Query: {
        status: () => ({
          ...view<{ at: number; lastInputIndex: number | null }>(app, 'status'),
          processedInputIndex: source.processedInputIndex(),
          digest: () => view<{ digest: string }>(app, 'digest').digest,
        }),
        tokens: (_: unknown, a: Args) => view<{ tokens: unknown[] }>(app, withQuery('tokens', atQuery(a.at))).tokens,
        balance: (_: unknown, a: Args & { token: string; account: string }) =>
          view<BalanceView>(app, withQuery(`balance/${address('token', a.token)}/${address('account', a.account)}`, atQuery(a.at))),
        balances: (_: unknown, a: Args & { account?: string | null; token?: string | null }): Connection<BalanceView> => {
          const account = address('account', a.account);
          const token = address('token', a.token);
          const { first, after } = page(a.first ?? 50, a.after);
          if (account) {
            const all = view<BalancesView>(app, withQuery(`balances/${account}`, atQuery(a.at))).balances.filter((b) => !token || b.token === token);
            const start = after === null ? 0 : Number(after);
            const slice = all.slice(start, start + first);
            const edges = slice.map((node, k) => ({ cursor: String(start + k + 1), node }));
            const end = start + slice.length;
            return { edges, nodes: slice, pageInfo: { endCursor: edges.length ? String(end) : (a.after ?? null), hasNextPage: end < all.length } };
          }
          if (!token) throw bad('balances needs an account, a token, or both.');
          const rows = holders(app.db, token, after, first + 1);
          const edges = rows.slice(0, first).map((r) => ({
            cursor: r.id.toString(),
            node: view<BalanceView>(app, withQuery(`balance/${token}/${r.account}`, atQuery(a.at))),
          }));
          return { edges, nodes: edges.map((e) => e.node), pageInfo: { endCursor: edges.at(-1)?.cursor ?? a.after ?? null, hasNextPage: rows.length > first } };
        },
        stream: (_: unknown, a: Args & { id: string }) => viewOrNull<StreamView>(app, withQuery(`stream/${id('stream id', a.id)}`, atQuery(a.at))),
        streams: (_: unknown, a: Args & { sender?: string; receiver?: string; account?: string; token?: string; status?: string[] | null }) => {
          const filter = {
            sender: address('sender', a.sender),
            receiver: address('receiver', a.receiver),
            account: address('account', a.account),
            token: address('token', a.token),
          };
          const statuses = a.status && a.status.length > 0 ? new Set(a.status) : null;
          const { first, after } = page(a.first ?? 50, a.after);
          return scanPage(
            (before, n) => streamIds(app.db, filter, before, n),
            (i) => viewOrNull<StreamView>(app, withQuery(`stream/${i}`, atQuery(a.at))),
            (s) => statuses === null || statuses.has(s.status),
            first,
            after,
          );
        },
        order: (_: unknown, a: Args & { id: string }) => viewOrNull<OrderView>(app, withQuery(`order/${id('order id', a.id)}`, atQuery(a.at))),
        orders: (_: unknown, a: Args & { owner?: string; tokenIn?: string; tokenOut?: string; tokenA?: string; tokenB?: string; status?: string[] | null }) => {
          const tokenA = address('tokenA', a.tokenA);
          const tokenB = address('tokenB', a.tokenB);
          if ((tokenA === undefined) !== (tokenB === undefined)) throw bad('A pair needs both tokenA and tokenB.');
          const filter = {
            owner: address('owner', a.owner),
            tokenIn: address('tokenIn', a.tokenIn),
            tokenOut: address('tokenOut', a.tokenOut),
            pair: tokenA && tokenB ? ([tokenA, tokenB] as [Address, Address]) : undefined,
          };
          const statuses = a.status && a.status.length > 0 ? new Set(a.status) : null;
          const { first, after } = page(a.first ?? 50, a.after);
          return scanPage(
            (before, n) => orderIds(app.db, filter, before, n),
            (i) => viewOrNull<OrderView>(app, withQuery(`order/${i}`, atQuery(a.at))),
            (o) => statuses === null || statuses.has(o.status),
            first,
            after,
          );
        },
        pairs: () => pairs(app.db).map((p) => ({ tokenA: p.token0, tokenB: p.token1, lpToken: lpTokenAddress(p.token0, p.token1) })),
        pool: (_: unknown, a: Args & { tokenA: string; tokenB: string }) => viewOrNull(app, withQuery(`pool/${address('tokenA', a.tokenA)}/${address('tokenB', a.tokenB)}`, atQuery(a.at))),
        pools: (_: unknown, a: Args) => view<{ pools: unknown[] }>(app, withQuery('pools', atQuery(a.at))).pools,
        poolHistory: (_: unknown, a: Args & { tokenA: string; tokenB: string; from?: number | null; to?: number | null }) =>
          view(
            app,
            withQuery(
              `history/${address('tokenA', a.tokenA)}/${address('tokenB', a.tokenB)}`,
              a.from === null || a.from === undefined ? '' : `from=${a.from}`,
              a.to === null || a.to === undefined ? '' : `to=${a.to}`,
            ),
          ),
        quote: (_: unknown, a: Args & { tokenIn: string; tokenOut: string; amountIn: string; duration?: number | null }) =>
          view(
            app,
            withQuery(
              `quote/${address('tokenIn', a.tokenIn)}/${address('tokenOut', a.tokenOut)}/${id('amountIn', a.amountIn)}`,
              a.duration === null || a.duration === undefined ? '' : `duration=${a.duration}`,
              atQuery(a.at),
            ),
          ),
      },
    },
  });
}
