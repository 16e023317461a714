/**
 * npm run bench:e2e [-- --inputs 1000 --backend dapp|echo]
 * Time from an input's transaction receipt to its processed status on the node, over N inputs sent through the real
 * InputBox on anvil, one sender sending as fast as its receipts come back (the node works concurrently). With the real
 * back-end (default) the inputs are `transfer(tCTSI, account2, 1)` after one ERC-20 deposit through the portal.
 * Prints one JSON line: {"bench":"e2e","inputs":N,"medianMs":..,"p95Ms":..,"inputsPerSecond":..}
 * (inputsPerSecond = N / time from the first send to the last input processed). Details go to stderr.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createPublicClient, createWalletClient, encodeFunctionData, http, type Hex } from 'viem';
import { anvil } from 'viem/chains';
import { anvilAccount, erc20PortalAbi, inputBoxAbi, testTokenAbi } from '@streamswap/contracts';
import { dappAbi } from '@streamswap/protocol';
import { startDevStack } from '../src/index.js';

const { values } = parseArgs({ options: { inputs: { type: 'string' }, backend: { type: 'string' }, window: { type: 'string' } } });
const N = Number(values.inputs ?? 1000);
const backend = values.backend ?? 'dapp';
/** At most this many inputs sent but not yet processed (1 = closed loop: pure latency, no queueing). */
const WINDOW = Number(values.window ?? 1);

const stack = await startDevStack({
  anvilPort: 0,
  rollupPort: 0,
  httpPort: 0,
  epochLength: 4,
  ...(backend === 'echo' ? { backendCommand: [process.execPath, '--import', 'tsx', 'devnode/test/fixtures/echoBackend.ts'] } : {}),
});
try {
  const book = stack.addressBook;
  const chain = { ...anvil, id: book.chainId };
  const transport = http(stack.urls.chain);
  const pub = createPublicClient({ chain, transport, pollingInterval: 10 });
  const account = anvilAccount(1);
  const wallet = createWalletClient({ chain, transport, account, pollingInterval: 10 });
  const token = book.tokens[0]!.address;

  const processedAt = new Map<number, number>();
  let lastProcessed = 0;
  stack.node.engine.on('processed', (idx: number, status: string) => {
    processedAt.set(idx, performance.now());
    lastProcessed = performance.now();
    if (status !== 'ACCEPTED') process.stderr.write(`input ${idx}: ${status}\n`);
  });
  const waitProcessed = async (idx: number): Promise<void> => {
    while (!processedAt.has(idx)) await new Promise((r) => setTimeout(r, 2));
  };

  let payload: Hex = '0x01';
  let firstIndex = 0;
  if (backend !== 'echo') {
    // one deposit, so the transfers are real accepted state changes
    const amount = 10n ** 24n;
    for (const [fn, args, to, abi] of [
      ['mint', [account.address, amount], token, testTokenAbi],
      ['approve', [book.erc20Portal, amount], token, testTokenAbi],
      ['depositERC20Tokens', [token, book.application, amount, '0x'], book.erc20Portal, erc20PortalAbi],
    ] as const) {
      const hash = await wallet.writeContract({ address: to, abi: abi as never, functionName: fn as never, args: args as never });
      await pub.waitForTransactionReceipt({ hash });
    }
    await waitProcessed(0);
    firstIndex = 1;
    payload = encodeFunctionData({ abi: dappAbi, functionName: 'transfer', args: [token, anvilAccount(2).address, 1n] });
  }
  const data = encodeFunctionData({ abi: inputBoxAbi, functionName: 'addInput', args: [book.application, payload] });
  // Warm-up: the first input after start pays for the back-end's lazy start; not measured.
  const gas = await pub.estimateGas({ account, to: book.inputBox, data });
  const nonce = 0;
  const fees = 0;

  // anvil signs for its unlocked dev accounts and, automining, has mined the tx when eth_sendTransaction returns:
  // no local signing or receipt polling competes with the node in this process.
  const tx = { from: account.address, to: book.inputBox, data, gas: `0x${(gas * 2n).toString(16)}` };
  void nonce;
  void fees;
  const receiptAt: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    if (i >= WINDOW) await waitProcessed(firstIndex + i - WINDOW);
    const hash = (await pub.request({ method: 'eth_sendTransaction' as never, params: [tx] as never })) as Hex;
    let receipt = await pub.request({ method: 'eth_getTransactionReceipt', params: [hash] });
    while (!receipt) {
      await new Promise((r) => setTimeout(r, 2));
      receipt = await pub.request({ method: 'eth_getTransactionReceipt', params: [hash] });
    }
    receiptAt.push(performance.now());
    if (receipt.status !== '0x1') throw new Error(`addInput ${i} reverted`);
  }
  await waitProcessed(firstIndex + N - 1);
  const wall = lastProcessed - t0;
  const lat = receiptAt.map((t, i) => processedAt.get(firstIndex + i)! - t).sort((a, b) => a - b);
  const q = (p: number): number => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
  const round = (x: number): number => Math.round(x * 10) / 10;
  const statuses = stack.node.store.db.prepare('SELECT status, COUNT(*) AS n FROM inputs GROUP BY status ORDER BY status').all();
  process.stderr.write(
    `backend=${backend} min=${round(lat[0]!)}ms median=${round(q(0.5))}ms p95=${round(q(0.95))}ms max=${round(lat.at(-1)!)}ms ` +
      `send phase ${round(receiptAt.at(-1)! - t0)}ms, back-end ${round(stack.node.engine.stats.backendMs / stack.node.engine.stats.advances)}ms/input, block subscription ${stack.node.reader.subscribed}, statuses ${JSON.stringify(statuses)}, outputs ${stack.node.store.outputCount()}\n`,
  );
  console.log(JSON.stringify({ bench: 'e2e', inputs: N, medianMs: round(q(0.5)), p95Ms: round(q(0.95)), inputsPerSecond: round((N * 1000) / wall) }));
} finally {
  await stack.stop();
}
