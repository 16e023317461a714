/**
 * `npm run deploy -- --rpc <url> --private-key <key> [--salt …] [--epoch-length …] [--template-hash …] [--out …]`
 * (root package.json): streamswap on any EVM chain. See DEPLOY_USAGE (`npm run deploy -- --help`) and the README's
 * "Deploy to a public network". Exit code 0 with the address book written, 1 with a message on stderr otherwise.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createPublicClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { applicationAbi, authorityAbi, DEPLOY_USAGE, deployStack, parseDeployArgs } from '../src/index.js';

const say = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(DEPLOY_USAGE);
    return 0;
  }
  // npm runs scripts from the package root; relative paths mean the caller's directory (INIT_CWD).
  const callerDir = process.env.INIT_CWD ?? process.cwd();
  const args = parseDeployArgs(argv, process.env, callerDir);
  const account = privateKeyToAccount(args.privateKey);
  const chainId = await createPublicClient({ transport: http(args.rpcUrl, { retryCount: 1 }) }).getChainId();
  say(`deploying streamswap on chain ${chainId} from ${account.address} (epoch length ${args.epochLength} blocks, salt ${args.salt})`);
  if (!args.templateHashGiven) {
    say(`template hash: the development default ${args.templateHash}; a rollups-node will refuse it, pass --template-hash .cartesi/image/hash`);
  }

  const book = await deployStack({
    rpcUrl: args.rpcUrl,
    account,
    epochLength: args.epochLength,
    salt: args.salt,
    templateHash: args.templateHash,
    applicationName: args.applicationName,
    testTokens: args.testTokens,
    ...(args.owner ? { owner: args.owner } : {}),
    ...(args.authorityOwner ? { authorityOwner: args.authorityOwner } : {}),
    log: say,
  });

  // What a node will rely on, read back from the chain: the application's consensus is this Authority, owned as asked.
  const client = createPublicClient({ transport: http(args.rpcUrl) });
  const validator = await client.readContract({ address: book.application, abi: applicationAbi, functionName: 'getOutputsMerkleRootValidator' });
  const authorityOwner = await client.readContract({ address: book.authority, abi: authorityAbi, functionName: 'owner' });
  if (validator !== book.authority || authorityOwner !== book.authorityOwner) {
    throw new Error(`The application ${book.application} answers consensus ${validator} owned by ${authorityOwner}, not ${book.authority} owned by ${book.authorityOwner}.`);
  }

  const out = resolve(callerDir, args.out ?? `deployments/${chainId}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(book, null, 2)}\n`);
  say(`application ${book.application}, Authority ${book.authority} (owner ${book.authorityOwner}), deployed at block ${book.deploymentBlock}`);
  process.stdout.write(`address book written to ${out}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`deploy failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!(error instanceof Error) || !/^(--|Refusing)/.test(error.message)) say(DEPLOY_USAGE.split('\n')[0]!);
    process.exit(1);
  },
);
