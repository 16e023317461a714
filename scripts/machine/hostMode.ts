// Host mode for the corpus: the back-end bundle runs as its own Node process on this host (native
// better-sqlite3 unless told otherwise), against an in-process Rollup HTTP API that hands out the corpus one
// /finish at a time and records every output the way the machine's libcmt encodes it (notices as
// Notice(bytes), vouchers as Voucher(address,uint256,bytes)), so the two runs compare byte for byte.
import { spawn } from 'node:child_process';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Hex, encodeFunctionData, getAddress, hexToBigInt, parseAbi } from 'viem';
import type { Step } from './corpus.js';
import { CHAIN_ID, APP_CONTRACT, blockNumberOf } from './evmAdvance.js';

export interface StepResult {
  status: 'accepted' | 'rejected' | 'exception';
  outputs: Hex[];
  reports: Hex[];
  cycles?: number;
}

const outputsAbi = parseAbi([
  'function Notice(bytes payload)',
  'function Voucher(address destination, uint256 value, bytes payload)',
  'function DelegateCallVoucher(address destination, bytes payload)',
]);

/** The JSON rollup-http-server answers /finish with for one corpus step. */
export function requestJson(step: Step): unknown {
  if (step.kind === 'inspect') return { request_type: 'inspect_state', data: { payload: step.payload } };
  return {
    request_type: 'advance_state',
    data: {
      metadata: {
        chain_id: Number(CHAIN_ID),
        app_contract: APP_CONTRACT.toLowerCase(),
        msg_sender: step.sender.toLowerCase(),
        block_number: Number(blockNumberOf(step)),
        block_timestamp: step.timestamp,
        prev_randao: `0x${'00'.repeat(32)}`,
        input_index: step.index,
      },
      payload: step.payload.toLowerCase(),
    },
  };
}

export interface HostBackend {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export async function runHostMode(steps: Step[], backend: HostBackend): Promise<StepResult[]> {
  const results: StepResult[] = [];
  let current = -1;
  let outputCount = 0;
  let pendingOutputs = 0;
  let finishAll: () => void;
  const finished = new Promise<void>((resolve) => (finishAll = resolve));

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, string>;
      const result = results[current];
      const created = (index: number) => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ index }));
      };
      switch (req.url) {
        case '/finish': {
          if (result) {
            result.status = body.status === 'accept' ? 'accepted' : 'rejected';
            if (result.status === 'accepted' && steps[current]?.kind === 'advance') outputCount += pendingOutputs;
          }
          pendingOutputs = 0;
          current += 1;
          if (current >= steps.length) {
            finishAll();
            return; // the last long poll stays open; the back-end is stopped below
          }
          results[current] = { status: 'accepted', outputs: [], reports: [] };
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(JSON.stringify(requestJson(steps[current]!)));
        }
        case '/notice':
          result!.outputs.push(encodeFunctionData({ abi: outputsAbi, functionName: 'Notice', args: [body.payload as Hex] }));
          return created(outputCount + pendingOutputs++);
        case '/voucher':
          result!.outputs.push(
            encodeFunctionData({
              abi: outputsAbi,
              functionName: 'Voucher',
              args: [getAddress(body.destination as Hex), hexToBigInt(body.value as Hex), body.payload as Hex],
            }),
          );
          return created(outputCount + pendingOutputs++);
        case '/delegate-call-voucher':
          result!.outputs.push(
            encodeFunctionData({ abi: outputsAbi, functionName: 'DelegateCallVoucher', args: [getAddress(body.destination as Hex), body.payload as Hex] }),
          );
          return created(outputCount + pendingOutputs++);
        case '/report':
          result!.reports.push((body.payload as Hex).toLowerCase() as Hex);
          res.writeHead(202);
          return res.end();
        case '/exception':
          result!.status = 'exception';
          result!.reports.push((body.payload as Hex).toLowerCase() as Hex);
          res.writeHead(202);
          return res.end();
        default:
          res.writeHead(404);
          return res.end('not found');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const child = spawn(backend.command, backend.args, {
    env: { ...process.env, ...backend.env, ROLLUP_HTTP_SERVER_URL: url },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code) => reject(new Error(`the host-mode back-end exited with ${code} at step ${current}`))),
  );
  try {
    await Promise.race([finished, exited]);
  } finally {
    child.removeAllListeners('exit');
    child.kill();
    server.closeAllConnections();
    server.close();
  }
  return results;
}
