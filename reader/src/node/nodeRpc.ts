import type { Hex } from 'viem';

/**
 * The part of the rollups-node v2 JSON-RPC the reader follows (reference §6): the same calls and shapes on the
 * devnode and on the official node. Integers are 0x-hex strings, params go by name, pages are `{data, pagination}`.
 */
export interface NodeInput {
  index: Hex;
  status: string;
  raw_data: Hex;
}

export interface NodeOutput {
  index: Hex;
  input_index: Hex;
  raw_data: Hex;
}

export interface Page<T> {
  data: T[];
  pagination: { total_count: number; limit: number; offset: number };
}

/** One JSON-RPC call; tests wrap it to tamper with what the node says. */
export type RpcCall = (method: string, params: Record<string, unknown>) => Promise<unknown>;

/** A JSON-RPC error answered by the node (as opposed to a transport failure). */
export class RpcError extends Error {
  override readonly name = 'RpcError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** JSON-RPC over HTTP POST with a per-call timeout; `url` is the node's /rpc. */
export function httpRpc(url: string, timeoutMs = 10_000): RpcCall {
  let id = 0;
  return async (method, params) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      // fetch says only "fetch failed"; the cause says why (ECONNREFUSED, a timeout...).
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`${method} at ${url} failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    if (!response.ok) throw new Error(`${method} at ${url} answered HTTP ${response.status}`);
    const body = (await response.json()) as { result?: unknown; error?: { code: number; message: string } };
    if (body.error) throw new RpcError(body.error.code, `${method}: ${body.error.message} (code ${body.error.code})`);
    return body.result;
  };
}

/** Typed calls over an RpcCall, with the shape checks that protect the replica from a malformed page. */
export class NodeClient {
  constructor(
    private readonly call: RpcCall,
    readonly application: string,
  ) {}

  async processedInputCount(): Promise<bigint> {
    const result = (await this.call('cartesi_getProcessedInputCount', { application: this.application })) as { data?: unknown };
    return hexField(result?.data, 'cartesi_getProcessedInputCount data');
  }

  async listInputs(offset: bigint, limit: number): Promise<Page<NodeInput>> {
    const page = await this.page<NodeInput>('cartesi_listInputs', { application: this.application, offset: Number(offset), limit });
    for (const input of page.data) {
      hexField(input.index, 'input index');
      if (typeof input.status !== 'string' || typeof input.raw_data !== 'string') throw new Error('cartesi_listInputs returned an input without status or raw_data');
    }
    return page;
  }

  async listOutputs(offset: bigint, limit: number): Promise<Page<NodeOutput>> {
    const page = await this.page<NodeOutput>('cartesi_listOutputs', { application: this.application, offset: Number(offset), limit });
    for (const output of page.data) {
      hexField(output.index, 'output index');
      hexField(output.input_index, 'output input_index');
      if (typeof output.raw_data !== 'string') throw new Error('cartesi_listOutputs returned an output without raw_data');
    }
    return page;
  }

  async getInput(index: bigint): Promise<NodeInput> {
    const result = (await this.call('cartesi_getInput', { application: this.application, input_index: `0x${index.toString(16)}` })) as { data?: NodeInput };
    if (!result?.data) throw new Error(`cartesi_getInput ${index} returned no data`);
    return result.data;
  }

  private async page<T>(method: string, params: Record<string, unknown>): Promise<Page<T>> {
    const result = (await this.call(method, params)) as Page<T> | undefined;
    if (!result || !Array.isArray(result.data) || typeof result.pagination?.total_count !== 'number') {
      throw new Error(`${method} returned a page without data or pagination`);
    }
    return result;
  }
}

export function hexField(value: unknown, what: string): bigint {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]+$/.test(value)) throw new Error(`the node returned a ${what} that is not a hex integer: ${String(value)}`);
  return BigInt(value);
}
