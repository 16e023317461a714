/**
 * `npm run demo`: fills a running local stack with a believable market so a new user sees live
 * balances and moving charts within a minute: six anvil accounts mint and deposit both test tokens,
 * two of them provide liquidity, streams of several lengths flow (some to account #0, the first
 * development account of the web app), DCA orders sell both ways, and instant swaps keep trading.
 *
 *   VITE_NODE_URL=http://127.0.0.1:6751 npm run demo            # one round of trades, then exit
 *   npm run demo -- --minutes 10                                 # keep trading every few seconds
 */
import { createCartesiPublicClient } from '@cartesi/viem';
import { addressBookSchema, dappAbi, ETHER_TOKEN, type AddressBook } from '@streamswap/protocol';
import { erc20PortalAbi, etherPortalAbi, inputBoxAbi, testTokenAbi } from '@streamswap/contracts/abis';
import { createPublicClient, createWalletClient, defineChain, encodeFunctionData, http, parseEther, parseEventLogs, parseUnits, type Address, type Hash } from 'viem';
import { anvil } from 'viem/chains';
import { DEV_ACCOUNTS } from '../src/config/devAccounts.js';

const NODE_URL = (process.env.VITE_NODE_URL ?? process.env.NODE_URL ?? 'http://127.0.0.1:6751').replace(/\/+$/, '');
const minutesArg = process.argv.indexOf('--minutes');
const TRADE_MINUTES = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 1;

const chain = defineChain({ ...anvil, rpcUrls: { default: { http: [`${NODE_URL}/anvil`] } } });
const publicClient = createPublicClient({ chain, transport: http(), pollingInterval: 250 });
const rpc = createCartesiPublicClient({ transport: http(`${NODE_URL}/rpc`) });
const wallets = DEV_ACCOUNTS.map((account) => createWalletClient({ account, chain, transport: http() }));
const log = (m: string) => console.log(`[demo] ${m}`);

async function waitTx(hash: Hash) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`Transaction ${hash} reverted.`);
  return receipt;
}

let lastInput = -1n;
async function trackInput(hash: Hash) {
  const receipt = await waitTx(hash);
  const [added] = parseEventLogs({ abi: inputBoxAbi, eventName: 'InputAdded', logs: receipt.logs });
  if (added && added.args.index > lastInput) lastInput = added.args.index;
}

async function waitProcessed(book: AddressBook) {
  for (;;) {
    const count = await rpc.getProcessedInputCount({ application: book.application }).catch(() => 0n);
    if (count > lastInput) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  const response = await fetch(`${NODE_URL}/addresses`);
  if (!response.ok) throw new Error(`GET ${NODE_URL}/addresses answered ${response.status}: is the stack running (npm start)?`);
  const book = addressBookSchema.parse(await response.json());
  const ctsi = book.tokens.find((t) => t.symbol === 'tCTSI') ?? book.tokens[0];
  const usd = book.tokens.find((t) => t.symbol === 'tUSD') ?? book.tokens[1];
  if (!ctsi || !usd) throw new Error('The address book lists fewer than two test tokens.');
  const C = (v: string) => parseUnits(v, ctsi.decimals);
  const U = (v: string) => parseUnits(v, usd.decimals);
  log(`node ${NODE_URL}, app ${book.applicationName} ${book.application}, ${ctsi.symbol}/${usd.symbol}`);

  const input = async (i: number, what: string, functionName: Parameters<typeof encodeFunctionData<typeof dappAbi>>[0]['functionName'], args: readonly unknown[]) => {
    const payload = encodeFunctionData({ abi: dappAbi, functionName, args } as never);
    const hash = await wallets[i]!.writeContract({ address: book.inputBox, abi: inputBoxAbi, functionName: 'addInput', args: [book.application, payload] });
    await trackInput(hash);
    log(`#${i} ${what}`);
  };

  // 1. mint and deposit both tokens from every account
  for (const [i, wallet] of wallets.entries()) {
    for (const [token, amount] of [
      [ctsi.address, C('50000')],
      [usd.address, U('100000')],
    ] as const) {
      await waitTx(await wallet.writeContract({ address: token, abi: testTokenAbi, functionName: 'mint', args: [wallet.account.address, amount * 2n] }));
      await waitTx(await wallet.writeContract({ address: token, abi: testTokenAbi, functionName: 'approve', args: [book.erc20Portal, amount] }));
      await trackInput(await wallet.writeContract({ address: book.erc20Portal, abi: erc20PortalAbi, functionName: 'depositERC20Tokens', args: [token, book.application, amount, '0x'] }));
    }
    // Ether through the EtherPortal: the app books it under ETHER_TOKEN
    await trackInput(await wallet.writeContract({ address: book.etherPortal, abi: etherPortalAbi, functionName: 'depositEther', args: [book.application, '0x'], value: parseEther('20') }));
    log(`#${i} minted and deposited 50,000 ${ctsi.symbol} and 100,000 ${usd.symbol}, deposited 20 ETH`);
  }

  // 2. liquidity at about 2 tUSD per tCTSI
  await input(1, 'adds 10,000 tCTSI + 20,000 tUSD', 'addLiquidity', [ctsi.address, usd.address, C('10000'), U('20000'), 0n, 0n]);
  await input(2, 'adds 2,500 tCTSI + 5,000 tUSD', 'addLiquidity', [ctsi.address, usd.address, C('2500'), U('5000'), 0n, 0n]);
  await input(0, 'adds 1,000 tCTSI + 2,000 tUSD', 'addLiquidity', [ctsi.address, usd.address, C('1000'), U('2000'), 0n, 0n]);

  // 3. streams of several lengths, some into and out of account #0
  const A = (i: number) => DEV_ACCOUNTS[i]!;
  const now = (await publicClient.getBlock()).timestamp;
  await input(1, 'streams 600 tUSD to #0 over 10 minutes', 'stream', [usd.address, A(0), U('600'), 0n, 600n]);
  await input(2, 'streams 120 tCTSI to #0 over 1 hour', 'stream', [ctsi.address, A(0), C('120'), 0n, 3_600n]);
  await input(0, 'streams 3,000 tUSD to #3 over 1 day', 'stream', [usd.address, A(3), U('3000'), 0n, 86_400n]);
  await input(4, 'streams 5,000 tUSD to #0 over 30 days', 'stream', [usd.address, A(0), U('5000'), 0n, 30n * 86_400n]);
  await input(5, 'streams 70 tCTSI to #0 over 7 days, starting in 10 minutes', 'stream', [ctsi.address, A(0), C('70'), now + 600n, 7n * 86_400n]);
  await input(3, 'streams 250 tCTSI to #4 over 2 hours', 'stream', [ctsi.address, A(4), C('250'), 0n, 7_200n]);
  await input(2, 'streams 3 ETH to #0 over 6 hours', 'stream', [ETHER_TOKEN, A(0), parseEther('3'), 0n, 6n * 3_600n]);

  // 4. DCA orders both ways
  await input(3, 'DCA sells 2,000 tUSD for tCTSI over 10 minutes', 'swap', [usd.address, ctsi.address, U('2000'), 0n, 0n, 600n]);
  await input(4, 'DCA sells 400 tCTSI for tUSD over 1 hour', 'swap', [ctsi.address, usd.address, C('400'), 0n, 0n, 3_600n]);
  await input(0, 'DCA sells 500 tUSD for tCTSI over 30 minutes', 'swap', [usd.address, ctsi.address, U('500'), 0n, 0n, 1_800n]);
  await input(5, 'DCA sells 100 tCTSI for tUSD over 1 day', 'swap', [ctsi.address, usd.address, C('100'), 0n, 0n, 86_400n]);

  // 5. a withdrawal, so account #0 has a voucher to follow
  await input(0, 'withdraws 25 tUSD', 'withdraw', [usd.address, U('25')]);
  await waitProcessed(book);
  log(`all ${lastInput + 1n} inputs so far processed`);

  // 6. instant swaps every few seconds both ways, so the price chart moves
  const until = Date.now() + TRADE_MINUTES * 60_000;
  let round = 0;
  while (Date.now() < until) {
    const trader = 1 + (round % 5);
    if (round % 2 === 0) await input(trader, `swaps ${40 + (round % 7) * 15} tUSD for tCTSI`, 'swap', [usd.address, ctsi.address, U(String(40 + (round % 7) * 15)), 0n, 0n, 0n]);
    else await input(trader, `swaps ${20 + (round % 5) * 6} tCTSI for tUSD`, 'swap', [ctsi.address, usd.address, C(String(20 + (round % 5) * 6)), 0n, 0n, 0n]);
    round++;
    await new Promise((r) => setTimeout(r, 4_000));
  }
  await waitProcessed(book);
  log(`done: ${lastInput + 1n} inputs processed. Open the web app and connect "Development account #0".`);
}

main().catch((error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
