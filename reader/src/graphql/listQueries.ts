import type { SqlDatabase, SqlValue } from '@streamswap/dapp';
import { type Address, getAddress } from 'viem';

/*
 * Read-only listings over the back-end's tables that the ledger and the AMM have no method for (streams by token,
 * orders by pair, holders of a token). They return ids only, newest first, from `before` down; every record is then
 * built by the back-end's own read code, so no business rule is repeated here.
 */

const addressBytes = (address: Address) => Buffer.from(address.slice(2), 'hex');

export interface StreamFilter {
  sender?: Address;
  receiver?: Address;
  account?: Address;
  token?: Address;
}

export function streamIds(db: SqlDatabase, f: StreamFilter, before: bigint | null, limit: number): bigint[] {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const account = '(SELECT id FROM ledger_account WHERE address = ?)';
  if (f.sender) {
    where.push(`sender = ${account}`);
    params.push(addressBytes(f.sender));
  }
  if (f.receiver) {
    where.push(`receiver = ${account}`);
    params.push(addressBytes(f.receiver));
  }
  if (f.account) {
    where.push(`(sender = ${account} OR receiver = ${account})`);
    params.push(addressBytes(f.account), addressBytes(f.account));
  }
  if (f.token) {
    where.push('token = (SELECT id FROM ledger_token WHERE address = ?)');
    params.push(addressBytes(f.token));
  }
  if (before !== null) {
    where.push('id < ?');
    params.push(before);
  }
  const sql = `SELECT id FROM ledger_stream ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
  return db
    .prepare(sql)
    .all<{ id: bigint }>(...params, BigInt(limit))
    .map((r) => r.id);
}

export interface OrderFilter {
  owner?: Address;
  tokenIn?: Address;
  tokenOut?: Address;
  pair?: [Address, Address];
}

export function orderIds(db: SqlDatabase, f: OrderFilter, before: bigint | null, limit: number): bigint[] {
  const where: string[] = [];
  const params: SqlValue[] = [];
  // amm_order keeps EIP-55 addresses as TEXT.
  if (f.owner) {
    where.push('owner = ?');
    params.push(getAddress(f.owner));
  }
  if (f.tokenIn) {
    where.push('token_in = ?');
    params.push(getAddress(f.tokenIn));
  }
  if (f.tokenOut) {
    where.push('token_out = ?');
    params.push(getAddress(f.tokenOut));
  }
  if (f.pair) {
    const [a, b] = f.pair.map((t) => getAddress(t));
    where.push('((token_in = ? AND token_out = ?) OR (token_in = ? AND token_out = ?))');
    params.push(a!, b!, b!, a!);
  }
  if (before !== null) {
    where.push('id < ?');
    params.push(before);
  }
  const sql = `SELECT id FROM amm_order ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
  return db
    .prepare(sql)
    .all<{ id: bigint }>(...params, BigInt(limit))
    .map((r) => r.id);
}

/** Accounts holding a ledger balance row of `token`, by account id (first appearance), after account id `after`. */
export function holders(db: SqlDatabase, token: Address, after: bigint | null, limit: number): { id: bigint; account: Address }[] {
  return db
    .prepare(
      `SELECT a.id AS id, a.address AS address FROM ledger_balance b JOIN ledger_account a ON a.id = b.account
       WHERE b.token = (SELECT id FROM ledger_token WHERE address = ?) AND b.account > ? ORDER BY b.account LIMIT ?`,
    )
    .all<{ id: bigint; address: Uint8Array }>(addressBytes(token), after ?? -1n, BigInt(limit))
    .map((r) => ({ id: r.id, account: getAddress(`0x${Buffer.from(r.address).toString('hex')}`) }));
}

/** Every pair with its LP token, in creation order. */
export function pairs(db: SqlDatabase): { token0: Address; token1: Address }[] {
  const exists = db.prepare("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'amm_pair'").get();
  if (!exists) return [];
  return db
    .prepare('SELECT token0, token1 FROM amm_pair ORDER BY id')
    .all<{ token0: string; token1: string }>()
    .map((r) => ({ token0: getAddress(r.token0), token1: getAddress(r.token1) }));
}
