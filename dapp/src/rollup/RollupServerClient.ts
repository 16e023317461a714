import { type Hex, numberToHex } from 'viem';
import type { Voucher } from '../app/withdrawalVoucher.js';
import { type RollupRequest, rollupRequestSchema } from './rollupRequest.js';

export type FinishStatus = 'accept' | 'reject';

/** The back-end's only door to the world: the Cartesi Rollup HTTP API v2 at ROLLUP_HTTP_SERVER_URL. */
export class RollupServerClient {
  constructor(private readonly baseUrl: string) {}

  /** Finishes the current request and waits for the next one; undefined on 202 (no request yet: call again). */
  async finish(status: FinishStatus): Promise<RollupRequest | undefined> {
    const response = await this.post('/finish', { status });
    if (response.status === 202) return undefined;
    if (response.status !== 200) throw new Error(`POST /finish answered ${response.status}: ${await response.text()}`);
    return rollupRequestSchema.parse(await response.json());
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
    if (!response.ok) throw new Error(`POST /report answered ${response.status}: ${await response.text()}`);
  }

  private async output(path: string, body: unknown): Promise<number> {
    const response = await this.post(path, body);
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    const { index } = (await response.json()) as { index: number };
    return index;
  }

  private post(path: string, body: unknown): Promise<Response> {
    return fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
}
