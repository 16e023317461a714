import type { Hex } from 'viem';
import { EPOCH_SELECT, toEpoch, toInput, toOutput, toReport, type NodeStore } from '../store/NodeStore.js';
import { applicationJson, epochJson, hx, inputJson, outputJson, reportJson, type AppState } from './shapes.js';

export const NODE_VERSION = '2.0.0-streamswap-devnode';

export const RPC_NOT_FOUND = -32001;
export const RPC_INVALID_PARAMS = -32602;
export const RPC_METHOD_NOT_FOUND = -32601;
export const RPC_INVALID_REQUEST = -32600;
export const RPC_INTERNAL = -32603;

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RpcContext {
  store: NodeStore;
  appState(): AppState;
}

type Params = Record<string, unknown>;

/** Positional parameter names per method, for by-position calls (the node accepts both forms). */
const POSITIONAL: Record<string, string[]> = {
  cartesi_listApplications: ['limit', 'offset', 'descending'],
  cartesi_getApplication: ['application'],
  cartesi_listEpochs: ['application', 'status', 'limit', 'offset', 'descending'],
  cartesi_getEpoch: ['application', 'epoch_index'],
  cartesi_getLastAcceptedEpochIndex: ['application'],
  cartesi_listInputs: ['application', 'epoch_index', 'sender', 'limit', 'offset', 'descending'],
  cartesi_getInput: ['application', 'input_index'],
  cartesi_getProcessedInputCount: ['application'],
  cartesi_listOutputs: ['application', 'epoch_index', 'input_index', 'output_type', 'voucher_address', 'limit', 'offset', 'descending'],
  cartesi_getOutput: ['application', 'output_index'],
  cartesi_listReports: ['application', 'epoch_index', 'input_index', 'limit', 'offset', 'descending'],
  cartesi_getReport: ['application', 'report_index'],
};

const EPOCH_STATUSES = new Set(['OPEN', 'CLOSED', 'INPUTS_PROCESSED', 'CLAIM_COMPUTED', 'CLAIM_SUBMITTED', 'CLAIM_STAGED', 'CLAIM_ACCEPTED', 'CLAIM_REJECTED', 'CLAIM_FORECLOSED']);

/** Handles one JSON-RPC message (or a batch) of the rollups-node v2 read API (reference §6). */
export function handleRpc(ctx: RpcContext, body: unknown): unknown {
  if (Array.isArray(body) && body.length === 0) return { jsonrpc: '2.0', error: { code: RPC_INVALID_REQUEST, message: 'Invalid request: empty batch' }, id: null };
  if (Array.isArray(body)) return body.map((m) => handleOne(ctx, m));
  return handleOne(ctx, body);
}

function handleOne(ctx: RpcContext, msg: unknown): unknown {
  const m = msg as { jsonrpc?: unknown; method?: unknown; params?: unknown; id?: unknown };
  const id = m && typeof m === 'object' && 'id' in m ? (m.id ?? null) : null;
  try {
    if (!m || typeof m !== 'object' || m.jsonrpc !== '2.0' || typeof m.method !== 'string') {
      throw new RpcError(RPC_INVALID_REQUEST, 'Invalid request');
    }
    const result = call(ctx, m.method, normalizeParams(m.method, m.params));
    return { jsonrpc: '2.0', result, id };
  } catch (err) {
    if (err instanceof RpcError) return { jsonrpc: '2.0', error: { code: err.code, message: err.message }, id };
    // Never the error's text (SQL, paths): logged here, a generic message to the client, as the rollups-node does.
    console.error(`[devnode] JSON-RPC ${typeof m?.method === 'string' ? m.method : '?'}: internal error:`, err);
    return { jsonrpc: '2.0', error: { code: RPC_INTERNAL, message: 'Internal error' }, id };
  }
}

function normalizeParams(method: string, params: unknown): Params {
  if (params === undefined || params === null) return {};
  if (Array.isArray(params)) {
    const names = POSITIONAL[method] ?? [];
    const out: Params = {};
    params.forEach((v, i) => {
      if (names[i] !== undefined) out[names[i]!] = v;
    });
    return out;
  }
  if (typeof params === 'object') return params as Params;
  throw new RpcError(RPC_INVALID_PARAMS, 'Invalid params: expected an object or an array');
}

function call(ctx: RpcContext, method: string, p: Params): unknown {
  const { store } = ctx;
  switch (method) {
    case 'cartesi_getChainId':
      return { data: hx(ctx.appState().addressBook.chainId) };
    case 'cartesi_getNodeVersion':
      return { data: NODE_VERSION };
    case 'cartesi_listApplications': {
      const page = pagination(p);
      const apps = page.offset === 0 ? [applicationJson(ctx.appState())] : [];
      return { data: apps.slice(0, page.limit), pagination: { total_count: 1, limit: page.limit, offset: page.offset } };
    }
    case 'cartesi_getApplication':
      app(ctx, p);
      return { data: applicationJson(ctx.appState()) };
    case 'cartesi_getProcessedInputCount':
      app(ctx, p);
      return { data: hx(store.processedInputCount()) };
    case 'cartesi_getLastAcceptedEpochIndex': {
      app(ctx, p);
      const row = store.db.prepare<[], { idx: number }>("SELECT MAX(idx) AS idx FROM epochs WHERE status = 'CLAIM_ACCEPTED'").get();
      if (row?.idx === null || row?.idx === undefined) throw new RpcError(RPC_NOT_FOUND, 'No accepted epoch found');
      return { data: hx(row.idx) };
    }
    case 'cartesi_listEpochs': {
      app(ctx, p);
      const where: string[] = [];
      const args: unknown[] = [];
      if (p.status !== undefined && p.status !== null) {
        if (typeof p.status !== 'string' || !EPOCH_STATUSES.has(p.status)) throw new RpcError(RPC_INVALID_PARAMS, `Invalid params: unknown epoch status ${String(p.status)}`);
        where.push('e.status = ?');
        args.push(p.status);
      }
      if (p.from !== undefined && p.from !== null) (where.push('e.last_block >= ?'), args.push(index(p.from, 'from')));
      if (p.to !== undefined && p.to !== null) (where.push('e.first_block <= ?'), args.push(index(p.to, 'to')));
      return list(store, EPOCH_SELECT, 'e', where, args, p, (r) => epochJson(toEpoch(r as never)));
    }
    case 'cartesi_getEpoch': {
      app(ctx, p);
      const idx = index(p.epoch_index, 'epoch_index');
      const row = store.db.prepare(`${EPOCH_SELECT} WHERE e.idx = ?`).get(idx);
      if (!row) throw new RpcError(RPC_NOT_FOUND, 'Epoch not found');
      return { data: epochJson(toEpoch(row as never)) };
    }
    case 'cartesi_listInputs': {
      app(ctx, p);
      const where: string[] = [];
      const args: unknown[] = [];
      if (p.epoch_index !== undefined && p.epoch_index !== null) (where.push('epoch_index = ?'), args.push(index(p.epoch_index, 'epoch_index')));
      if (p.sender !== undefined && p.sender !== null) (where.push('msg_sender = ?'), args.push(addr(p.sender, 'sender')));
      if (p.transaction_hash !== undefined && p.transaction_hash !== null) (where.push('tx_hash = ?'), args.push(String(p.transaction_hash).toLowerCase()));
      return list(store, 'SELECT * FROM inputs', '', where, args, p, (r) => inputJson(toInput(r as never)));
    }
    case 'cartesi_getInput': {
      app(ctx, p);
      const i = store.input(index(p.input_index, 'input_index'));
      if (!i) throw new RpcError(RPC_NOT_FOUND, 'Input not found');
      return { data: inputJson(i) };
    }
    case 'cartesi_listOutputs': {
      app(ctx, p);
      const where: string[] = [];
      const args: unknown[] = [];
      if (p.epoch_index !== undefined && p.epoch_index !== null) (where.push('epoch_index = ?'), args.push(index(p.epoch_index, 'epoch_index')));
      if (p.input_index !== undefined && p.input_index !== null) (where.push('input_index = ?'), args.push(index(p.input_index, 'input_index')));
      if (p.output_type !== undefined && p.output_type !== null) {
        const types = (Array.isArray(p.output_type) ? p.output_type : [p.output_type]).map((t) => selector(t));
        where.push(`selector IN (${types.map(() => '?').join(', ')})`);
        args.push(...types);
      }
      if (p.voucher_address !== undefined && p.voucher_address !== null) (where.push('destination = ?'), args.push(addr(p.voucher_address, 'voucher_address')));
      return list(store, 'SELECT * FROM outputs', '', where, args, p, (r) => outputJson(toOutput(r as never)));
    }
    case 'cartesi_getOutput': {
      app(ctx, p);
      const row = store.db.prepare('SELECT * FROM outputs WHERE idx = ?').get(index(p.output_index, 'output_index'));
      if (!row) throw new RpcError(RPC_NOT_FOUND, 'Output not found');
      return { data: outputJson(toOutput(row as never)) };
    }
    case 'cartesi_listReports': {
      app(ctx, p);
      const where: string[] = [];
      const args: unknown[] = [];
      if (p.epoch_index !== undefined && p.epoch_index !== null) (where.push('epoch_index = ?'), args.push(index(p.epoch_index, 'epoch_index')));
      if (p.input_index !== undefined && p.input_index !== null) (where.push('input_index = ?'), args.push(index(p.input_index, 'input_index')));
      return list(store, 'SELECT * FROM reports', '', where, args, p, (r) => reportJson(toReport(r as never)));
    }
    case 'cartesi_getReport': {
      app(ctx, p);
      const row = store.db.prepare('SELECT * FROM reports WHERE idx = ?').get(index(p.report_index, 'report_index'));
      if (!row) throw new RpcError(RPC_NOT_FOUND, 'Report not found');
      return { data: reportJson(toReport(row as never)) };
    }
    default:
      throw new RpcError(RPC_METHOD_NOT_FOUND, `Method not found: ${method}`);
  }
}

/** Resolves the `application` param (name or address); -32602 when malformed, -32001 when it is not ours. */
function app(ctx: RpcContext, p: Params): void {
  const a = p.application;
  if (typeof a !== 'string' || !(/^[a-z0-9_-]{3,}$/.test(a) || /^0x[0-9a-fA-F]{40}$/.test(a))) {
    throw new RpcError(RPC_INVALID_PARAMS, 'Invalid params: application must be a name or an address');
  }
  const b = ctx.appState().addressBook;
  if (a !== b.applicationName && a.toLowerCase() !== b.application.toLowerCase()) throw new RpcError(RPC_NOT_FOUND, 'Application not found');
}

function index(v: unknown, name: string): number {
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{1,16}$/.test(v)) throw new RpcError(RPC_INVALID_PARAMS, `Invalid params: ${name} must be a 0x-prefixed hex integer`);
  const n = BigInt(v);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new RpcError(RPC_INVALID_PARAMS, `Invalid params: ${name} is too large`);
  return Number(n);
}

function addr(v: unknown, name: string): string {
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(v)) throw new RpcError(RPC_INVALID_PARAMS, `Invalid params: ${name} must be an address`);
  return v.toLowerCase();
}

function selector(v: unknown): Hex {
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{8}$/.test(v)) throw new RpcError(RPC_INVALID_PARAMS, 'Invalid params: output_type must be a 4-byte selector');
  return v.toLowerCase() as Hex;
}

/**
 * limit/offset as the rollups-node reads them (unsigned integers): a negative, fractional, non-numeric or out-of-range
 * value is -32602, never a database error. limit 0 means the default (50); above 10 000 it is capped.
 */
function pagination(p: Params): { limit: number; offset: number; descending: boolean } {
  const num = (v: unknown, name: string): number | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new RpcError(RPC_INVALID_PARAMS, `Invalid params: ${name} must be a non-negative integer`);
    return v;
  };
  let limit = num(p.limit, 'limit') ?? 50;
  if (limit === 0) limit = 50;
  limit = Math.min(limit, 10_000);
  const offset = num(p.offset, 'offset') ?? 0;
  if (p.descending !== undefined && p.descending !== null && typeof p.descending !== 'boolean') throw new RpcError(RPC_INVALID_PARAMS, 'Invalid params: descending must be a boolean');
  return { limit, offset, descending: p.descending === true };
}

function list(
  store: NodeStore,
  select: string,
  alias: string,
  where: string[],
  args: unknown[],
  p: Params,
  map: (row: unknown) => Record<string, unknown>,
): { data: Record<string, unknown>[]; pagination: { total_count: number; limit: number; offset: number } } {
  const page = pagination(p);
  const w = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const col = alias ? `${alias}.idx` : 'idx';
  const total = (store.db.prepare(`SELECT COUNT(*) AS n FROM (${select}${w})`).get(...args) as { n: number }).n;
  const rows = store.db.prepare(`${select}${w} ORDER BY ${col} ${page.descending ? 'DESC' : 'ASC'} LIMIT ? OFFSET ?`).all(...args, page.limit, page.offset);
  return { data: rows.map(map), pagination: { total_count: total, limit: page.limit, offset: page.offset } };
}
