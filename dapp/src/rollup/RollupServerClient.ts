import { Agent, request as httpRequest } from 'node:http';
import { type Hex, numberToHex } from 'viem';
import type { Voucher } from '../app/withdrawalVoucher.js';
import { type RollupRequest, rollupRequestSchema } from './rollupRequest.js';

export type FinishStatus = 'accept' | 'reject';

/** One answer of the Rollup HTTP API: its status and its whole body as text. */
interface RollupResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * The back-end's only door to the world: the Cartesi Rollup HTTP API v2 at ROLLUP_HTTP_SERVER_URL.
 * Plain `node:http` over one keep-alive connection rather than the global `fetch`: fetch loads and compiles
 * undici on its first call, which in the Cartesi machine cost about 285 M cycles of the boot to the first
 * /finish (docs/machine.md). No timeout: /finish may wait as long as the node has no request.
 */
export class RollupServerClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly baseUrl: string) {}

  /** Finishes the current request and waits for the next one; undefined on 202 (no request yet: call again). */
  async finish(status: FinishStatus): Promise<RollupRequest | undefined> {
    const response = await this.post('/finish', { status });
    if (response.status === 202) return undefined;
    if (response.status !== 200) throw new Error(`POST /finish answered ${response.status}: ${response.body}`);
    return rollupRequestSchema.parse(JSON.parse(response.body));
  }

  async notice(payload: Hex): Promise<number> {
    return this.output('/notice', { payload });
  }

  async voucher(voucher: Voucher): Promise<number> {
    return this.output('/voucher', {
      destination: voucher.destination,
      value: numberToHex(voucher.value, { size: 32 }),
      payload: voucher.payload,
    });
  }

  async report(payload: Hex): Promise<void> {
    const response = await this.post('/report', { payload });
    if (!isOk(response)) throw new Error(`POST /report answered ${response.status}: ${response.body}`);
  }

  private async output(path: string, body: unknown): Promise<number> {
    const response = await this.post(path, body);
    if (!isOk(response)) throw new Error(`POST ${path} answered ${response.status}: ${response.body}`);
    const { index } = JSON.parse(response.body) as { index: number };
    return index;
  }

  private post(path: string, body: unknown): Promise<RollupResponse> {
    const json = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        new URL(path, this.baseUrl),
        {
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(json);
    });
  }
}

/** fetch's `response.ok`: a 2xx status. */
function isOk(response: RollupResponse): boolean {
  return response.status >= 200 && response.status < 300;
}
