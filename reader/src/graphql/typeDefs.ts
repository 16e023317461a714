/**
 * The reader's GraphQL schema. Object types mirror the inspect views of @streamswap/protocol (protocol/src/inspect.ts)
 * field for field, and every resolver builds them through the back-end's own inspect router, so a field here is
 * always what the same route answers. Amounts are decimal strings (bigint-safe), times unix seconds.
 */
export const typeDefs = /* GraphQL */ `
"Unix seconds, a JSON number (times can pass GraphQL's 32-bit Int)."
scalar UnixTime

enum StreamStatus { pending streaming settled canceled }
enum OrderStatus { pending active completed canceled stopped }

type Status {
  "Timestamp of the last accepted input (the default at), 0 before any."
  at: UnixTime!
  "Index of the last accepted input, null before any."
  lastInputIndex: Int
  "Index of the last input this reader has replayed and verified (accepted or rejected), -1 before any."
  processedInputIndex: Int!
  "SHA-256 state digest, equal to the back-end's after the same inputs (costs a scan of the state)."
  digest: String!
}

type Token { token: String!, totalSupply: String!, withdrawable: Boolean! }

type Balance {
  token: String!
  account: String!
  at: UnixTime!
  balance: String!
  available: String!
  locked: String!
  rate: String!
  rateX64: String!
  availableRateX64: String!
  validUntil: UnixTime
}

type Stream {
  id: String!
  token: String!
  sender: String!
  receiver: String!
  amount: String!
  start: UnixTime!
  duration: UnixTime!
  end: UnixTime!
  status: StreamStatus!
  streamed: String!
  remaining: String!
  canceledAt: UnixTime
  rateX64: String!
}

type Order {
  id: String!
  owner: String!
  tokenIn: String!
  tokenOut: String!
  amountIn: String!
  amountOutMin: String!
  minAveragePriceX64: String
  start: UnixTime!
  duration: UnixTime!
  end: UnixTime!
  status: OrderStatus!
  sold: String!
  bought: String!
  closedAt: UnixTime
}

type Pair { tokenA: String!, tokenB: String!, lpToken: String! }

type Pool {
  tokenA: String!
  tokenB: String!
  lpToken: String!
  at: UnixTime!
  reserveA: String!
  reserveB: String!
  totalSupply: String!
  saleRateAX64: String!
  saleRateBX64: String!
  openOrdersA: Int!
  openOrdersB: Int!
}

type HistoryPoint {
  t: UnixTime!
  reserveA: String!
  reserveB: String!
  streamedA: String!
  streamedB: String!
  swappedA: String!
  swappedB: String!
}

type PoolHistory { tokenA: String!, tokenB: String!, from: UnixTime!, to: UnixTime!, points: [HistoryPoint!]! }

type Quote {
  tokenIn: String!
  tokenOut: String!
  amountIn: String!
  duration: UnixTime!
  at: UnixTime!
  amountOut: String!
  fee: String!
  priceImpactBps: Int!
  reserveIn: String!
  reserveOut: String!
}

"Cursor pagination: pass pageInfo.endCursor as after for the next page. A page may hold fewer than first items when a status filter skipped many; hasNextPage says whether to go on."
type PageInfo { endCursor: String, hasNextPage: Boolean! }

type StreamEdge { cursor: String!, node: Stream! }
type StreamConnection { edges: [StreamEdge!]!, nodes: [Stream!]!, pageInfo: PageInfo! }
type OrderEdge { cursor: String!, node: Order! }
type OrderConnection { edges: [OrderEdge!]!, nodes: [Order!]!, pageInfo: PageInfo! }
type BalanceEdge { cursor: String!, node: Balance! }
type BalanceConnection { edges: [BalanceEdge!]!, nodes: [Balance!]!, pageInfo: PageInfo! }

"""
Every projection takes at (unix seconds; default: the last accepted input's time, as inspect), so a client can ask
for any past or future second: what a stream will have paid, what an order will have bought, a pool's reserves then.
"""
type Query {
  status: Status!
  tokens(at: UnixTime): [Token!]!
  "One balance; zero figures when the account never held the token."
  balance(token: String!, account: String!, at: UnixTime): Balance!
  "By account (every token it holds, or only token), or by token (its holders, by first appearance). At least one."
  balances(account: String, token: String, at: UnixTime, first: Int = 50, after: String): BalanceConnection!
  stream(id: String!, at: UnixTime): Stream
  "Newest first. account matches sender or receiver."
  streams(sender: String, receiver: String, account: String, token: String, status: [StreamStatus!], at: UnixTime, first: Int = 50, after: String): StreamConnection!
  order(id: String!, at: UnixTime): Order
  "Newest first. tokenA/tokenB select a pair in either direction; tokenIn/tokenOut one direction."
  orders(owner: String, tokenIn: String, tokenOut: String, tokenA: String, tokenB: String, status: [OrderStatus!], at: UnixTime, first: Int = 50, after: String): OrderConnection!
  pairs: [Pair!]!
  pool(tokenA: String!, tokenB: String!, at: UnixTime): Pool
  pools(at: UnixTime): [Pool!]!
  poolHistory(tokenA: String!, tokenB: String!, from: UnixTime, to: UnixTime): PoolHistory!
  quote(tokenIn: String!, tokenOut: String!, amountIn: String!, duration: UnixTime, at: UnixTime): Quote!
}
`;
