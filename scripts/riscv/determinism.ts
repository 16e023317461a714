/**
 * Same answers on both architectures: replays the recorded corpus (corpus.ts) through the back-end exactly as the
 * Rollup HTTP loop applies inputs (handleAdvance, with a client that records every body it would POST), and writes
 * every output, byte for byte, and the final state digest. test:riscv runs `replay` on the host and under riscv64 and
 * then `compare`, which prints {"bench":"riscv-determinism","inputs":N,"digestEqual":…,"outputsEqual":…}.
 *
 *   node determinism.mjs generate <corpus.jsonl> [N=10000] [seed]   write the corpus (one JSON input a line)
 *   node determinism.mjs replay <corpus.jsonl> <outputs.txt>         apply it to a fresh database, record the outputs
 *   node determinism.mjs compare <host outputs> <riscv64 outputs>    the verdict line; exit code 1 if they differ
 * STREAMSWAP_SQLITE=better|wasm forces a binding for `replay`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { arch, argv, version } from 'node:process';
import { CARTESI_V2_2_ADDRESSES } from '@streamswap/protocol';
import type { Hex } from 'viem';
import { StreamSwapApp } from '../../dapp/src/app/StreamSwapApp.js';
import type { Voucher } from '../../dapp/src/app/withdrawalVoucher.js';
import { handleAdvance } from '../../dapp/src/rollup/handleRequest.js';
import type { RollupServerClient } from '../../dapp/src/rollup/RollupServerClient.js';
import type { AdvanceRequest } from '../../dapp/src/rollup/rollupRequest.js';
import { openDatabase, sqliteBinding } from '../../dapp/src/storage/openDatabase.js';
import { CORPUS_SEED, generateCorpus, type CorpusInput } from './corpus.js';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const APP = '0xab7528bb862fb57e8a2bcd567a2e929a0be56a5e';

function readCorpus(path: string): CorpusInput[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as CorpusInput);
}

/** Everything one input made the back-end send to the Rollup HTTP API, in order, as text. */
class RecordingClient {
  lines: string[] = [];
  private outputs = 0;
  async notice(payload: Hex): Promise<number> {
    this.lines.push(`notice ${payload}`);
    return this.outputs++;
  }
  async voucher(v: Voucher): Promise<number> {
    this.lines.push(`voucher ${v.destination} ${v.value} ${v.payload}`);
    return this.outputs++;
  }
  async report(payload: Hex): Promise<void> {
    this.lines.push(`report ${payload}`);
  }
}

async function replay(corpusPath: string, outPath: string): Promise<void> {
  const corpus = readCorpus(corpusPath);
  const app = new StreamSwapApp(openDatabase(':memory:'));
  const out: string[] = [];
  const counts: Record<string, { accepted: number; rejected: number }> = {};
  let internalErrors = 0;
  const started = performance.now();
  for (const [index, input] of corpus.entries()) {
    const client = new RecordingClient();
    const request: AdvanceRequest = {
      request_type: 'advance_state',
      data: {
        metadata: {
          chain_id: 11155111,
          app_contract: APP,
          msg_sender: input.sender.toLowerCase(),
          block_number: 1000 + index,
          block_timestamp: input.timestamp,
          prev_randao: `0x${'00'.repeat(32)}`,
          input_index: index,
        },
        payload: input.payload,
      },
    };
    const status = await handleAdvance(app, client as unknown as RollupServerClient, request);
    const c = (counts[input.kind] ??= { accepted: 0, rejected: 0 });
    if (status === 'accept') c.accepted++;
    else c.rejected++;
    if (client.lines.some((line) => line.startsWith('report ') && Buffer.from(line.slice(9), 'hex').toString('utf8').includes('"INTERNAL_ERROR"'))) internalErrors++;
    out.push(`${index} ${status}`, ...client.lines);
    if ((index + 1) % 1000 === 0) console.error(`replay: ${index + 1} inputs, ${Math.round((performance.now() - started) / 1000)} s`);
  }
  const digest = app.digest();
  out.push(`digest ${digest}`);
  writeFileSync(outPath, `${out.join('\n')}\n`);
  const ms = Math.round(performance.now() - started);
  const accepted = Object.values(counts).reduce((n, c) => n + c.accepted, 0);
  console.error(`replay: ${arch}, node ${version}, binding ${sqliteBinding()}: ${corpus.length} inputs in ${ms} ms, ${accepted} accepted, ${corpus.length - accepted} rejected, ${internalErrors} INTERNAL_ERROR`);
  console.error(`replay: per kind (accepted/rejected) ${Object.entries(counts).sort().map(([k, v]) => `${k} ${v.accepted}/${v.rejected}`).join(', ')}`);
  console.error(`replay: digest ${digest}, outputs sha256 ${sha256(readFileSync(outPath))}`);
}

function compare(hostPath: string, riscvPath: string): boolean {
  const host = readFileSync(hostPath, 'utf8').trimEnd().split('\n');
  const riscv = readFileSync(riscvPath, 'utf8').trimEnd().split('\n');
  const digestOf = (lines: string[]) => lines.at(-1)?.startsWith('digest ') ? lines.at(-1) : undefined;
  const digestEqual = digestOf(host) !== undefined && digestOf(host) === digestOf(riscv);
  const outputsEqual = host.length === riscv.length && host.every((line, i) => line === riscv[i]);
  const inputs = host.filter((line) => /^\d+ (accept|reject)$/.test(line)).length;
  if (!outputsEqual) {
    const first = host.findIndex((line, i) => line !== riscv[i]);
    console.error(`determinism: first difference at output line ${first + 1}:\n  host:    ${host[first]?.slice(0, 200)}\n  riscv64: ${riscv[first]?.slice(0, 200)}`);
  }
  console.log(JSON.stringify({ bench: 'riscv-determinism', inputs, digestEqual, outputsEqual }));
  return digestEqual && outputsEqual;
}

const [mode, a, b, c] = argv.slice(2);
if (mode === 'generate' && a) {
  // The oracle: the back-end itself, on the host, so cancels aim at streams and orders that exist.
  const oracleApp = new StreamSwapApp(openDatabase(':memory:'));
  let oracleIndex = 0n;
  const oracle = (input: CorpusInput) => {
    try {
      return oracleApp.advance({ sender: input.sender, timestamp: BigInt(input.timestamp), index: oracleIndex++ }, input.payload).notices;
    } catch {
      return [];
    }
  };
  const corpus = generateCorpus(c === undefined ? CORPUS_SEED : Number(c), b === undefined ? 10_000 : Number(b), oracle);
  const text = `${corpus.map((input) => JSON.stringify(input)).join('\n')}\n`;
  writeFileSync(a, text);
  const kinds = new Map<string, number>();
  for (const input of corpus) kinds.set(input.kind, (kinds.get(input.kind) ?? 0) + 1);
  console.error(`corpus: ${corpus.length} inputs, seed ${c ?? CORPUS_SEED}, sha256 ${sha256(text)}; ${[...kinds].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.error(`corpus: portals ${CARTESI_V2_2_ADDRESSES.erc20Portal} ${CARTESI_V2_2_ADDRESSES.etherPortal}`);
} else if (mode === 'replay' && a && b) {
  await replay(a, b);
} else if (mode === 'compare' && a && b) {
  process.exitCode = compare(a, b) ? 0 : 1;
} else {
  console.error('usage: determinism.mjs generate <corpus> [N] [seed] | replay <corpus> <outputs> | compare <host outputs> <riscv64 outputs>');
  process.exitCode = 2;
}
