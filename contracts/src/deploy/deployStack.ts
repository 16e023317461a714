import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  keccak256,
  stringToHex,
  zeroHash,
  type Address,
  type Chain,
  type Hex,
  type LocalAccount,
  type PublicClient,
  type WalletClient,
  type Transport,
} from 'viem';
import { anvil } from 'viem/chains';
import { addressBookSchema, CARTESI_V2_2_ADDRESSES, type AddressBook } from '@streamswap/protocol';
import { applicationAbi, dataAvailabilityAbi, selfHostedApplicationFactoryAbi } from '../generated/cartesiAbis.js';
import { anvilAccount } from './accounts.js';
import { cartesiCreate2Plan, type Create2Plan } from './cartesiContracts.js';
import { CREATE2_DEPLOYER, create2Calldata } from './create2.js';
import { CanonicalAddressTaken, isExpectedRuntime } from './canonicalCode.js';
import { TEST_TOKENS, testTokenInitCode, testTokenAddress } from './testTokens.js';
import { create2Address } from './create2.js';

export interface DeployStackOptions {
  rpcUrl: string;
  /** Blocks per epoch of the Authority (must be > 0). */
  epochLength: number;
  /** Name in the address book (the node serves `/inspect/<name>`). Default "streamswap". */
  applicationName?: string;
  /** Salt of SelfHostedApplicationFactory.deployContracts. Default 0x00…00. */
  salt?: Hex;
  /** The machine's template hash; nothing on chain checks it. Default keccak256("streamswap"). */
  templateHash?: Hex;
  /** Signer; also the Authority owner and the application owner unless those are given. Default anvil account 0. */
  account?: LocalAccount;
  /** Owner of the Authority: the account whose node submits claims. Default the signer. */
  authorityOwner?: Address;
  /** Owner of the application (may migrate it to another consensus). Default the signer. */
  owner?: Address;
  /** Deploy the two open-mint test tokens (CREATE2, salt 0) and list them in the book. Default true. */
  testTokens?: boolean;
  /** Progress, one line per contract: reused or deployed. */
  log?: (line: string) => void;
}

/** Default template hash: there is no Cartesi machine here, so any fixed bytes32 does. */
export const DEFAULT_TEMPLATE_HASH: Hex = keccak256(stringToHex('streamswap'));

/** `DataAvailability.InputBox(inputBox)` (selector 0xb12c9ede), what rollups-node uses by default. */
export function inputBoxDataAvailability(inputBox: Address): Hex {
  return encodeFunctionData({ abi: dataAvailabilityAbi, functionName: 'InputBox', args: [inputBox] });
}

/**
 * Puts the Cartesi Rollups v2.2.0 contracts at their canonical CREATE2 addresses, deploys the application and its
 * Authority through SelfHostedApplicationFactory and the two test tokens, and returns the address book.
 * Idempotent: whatever already has code at its deterministic address is not sent again, so a second call on the same
 * chain with the same options sends no transaction and returns the same book.
 */
export async function deployStack(opts: DeployStackOptions): Promise<AddressBook> {
  if (!Number.isSafeInteger(opts.epochLength) || opts.epochLength <= 0) {
    throw new Error(`deployStack needs a positive integer epochLength, got ${opts.epochLength}.`);
  }
  const account = opts.account ?? anvilAccount(0);
  const transport = http(opts.rpcUrl, { retryCount: 0 });
  const probe = createPublicClient({ transport });
  const chainId = await probe.getChainId();
  const chain: Chain = { ...anvil, id: chainId };
  // Poll fast: with `blockTime` anvil mines on a timer and viem's default 4 s polling would dominate.
  const client = createPublicClient({ chain, transport, pollingInterval: 50 });
  const wallet = createWalletClient({ chain, transport, account, pollingInterval: 50 });

  if (!(await hasCode(client, CREATE2_DEPLOYER))) {
    throw new Error(`The chain at ${opts.rpcUrl} has no CREATE2 deployer at ${CREATE2_DEPLOYER}; anvil preinstalls it.`);
  }

  // 1. Cartesi contracts and test tokens: all independent CREATE2 deployments, sent in one batch, after every canonical
  //    address that already holds code has been checked to hold the v2.2.0 contract (so a refusal sends nothing).
  const log = opts.log ?? (() => {});
  const cartesi = cartesiCreate2Plan();
  const withTokens = opts.testTokens ?? true;
  const tokens: Create2Plan[] = (withTokens ? TEST_TOKENS : []).map((spec) => {
    const initCode = testTokenInitCode(spec);
    return { key: spec.symbol, artifact: 'TestToken', initCode, salt: zeroHash, address: create2Address(initCode, zeroHash) };
  });
  await ensureCreate2(client, wallet, account, [...cartesi, ...tokens], new Set(cartesi.map((p) => p.key)), log);
  const addresses = Object.fromEntries(cartesi.map((p) => [p.key, p.address])) as Record<keyof typeof CARTESI_V2_2_ADDRESSES, Address>;
  for (const [key, expected] of Object.entries(CARTESI_V2_2_ADDRESSES)) {
    const actual = addresses[key as keyof typeof CARTESI_V2_2_ADDRESSES];
    if (actual !== expected) throw new Error(`${key} landed at ${actual}, not at its canonical v2.2.0 address ${expected}.`);
  }

  // 2. The application and its Authority.
  const templateHash = opts.templateHash ?? DEFAULT_TEMPLATE_HASH;
  const salt = opts.salt ?? zeroHash;
  const dataAvailability = inputBoxDataAvailability(addresses.inputBox);
  const authorityOwner = opts.authorityOwner ?? account.address;
  const owner = opts.owner ?? account.address;
  const deployArgs = [authorityOwner, BigInt(opts.epochLength), owner, templateHash, dataAvailability, salt] as const;
  const [application, authority] = await client.readContract({
    address: addresses.selfHostedApplicationFactory,
    abi: selfHostedApplicationFactoryAbi,
    functionName: 'calculateAddresses',
    args: deployArgs,
  });
  if (await hasCode(client, application)) {
    log(`reused   application ${application} and its Authority ${authority} (same owners, epoch length, template hash and salt)`);
  } else {
    const hash = await wallet.writeContract({
      address: addresses.selfHostedApplicationFactory,
      abi: selfHostedApplicationFactoryAbi,
      functionName: 'deployContracts',
      args: deployArgs,
    });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== 'success') throw new Error(`SelfHostedApplicationFactory.deployContracts reverted (tx ${hash}).`);
    if (!(await hasCode(client, application)) || !(await hasCode(client, authority))) {
      throw new Error(`deployContracts succeeded but no code at application ${application} / authority ${authority}.`);
    }
    log(`deployed application ${application} and its Authority ${authority} through SelfHostedApplicationFactory (tx ${hash})`);
  }
  const deploymentBlock = await client.readContract({ address: application, abi: applicationAbi, functionName: 'getDeploymentBlockNumber' });

  return addressBookSchema.parse({
    chainId,
    applicationName: opts.applicationName ?? 'streamswap',
    application,
    authority,
    authorityOwner,
    epochLength: opts.epochLength,
    templateHash,
    deploymentBlock: Number(deploymentBlock),
    inputBox: addresses.inputBox,
    etherPortal: addresses.etherPortal,
    erc20Portal: addresses.erc20Portal,
    erc721Portal: addresses.erc721Portal,
    erc1155SinglePortal: addresses.erc1155SinglePortal,
    erc1155BatchPortal: addresses.erc1155BatchPortal,
    authorityFactory: addresses.authorityFactory,
    applicationFactory: addresses.applicationFactory,
    selfHostedApplicationFactory: addresses.selfHostedApplicationFactory,
    safeErc20Transfer: addresses.safeErc20Transfer,
    tokens: (withTokens ? TEST_TOKENS : []).map((spec) => ({ address: testTokenAddress(spec), name: spec.name, symbol: spec.symbol, decimals: spec.decimals })),
  });
}

async function hasCode(client: PublicClient<Transport, Chain>, address: Address): Promise<boolean> {
  const code = await client.getCode({ address });
  return code !== undefined && code !== '0x';
}

/**
 * Checks that every canonical address already holding code holds the expected v2.2.0 contract (CanonicalAddressTaken
 * otherwise, before anything is sent), then sends the missing deployments back to back with explicit nonces (so they
 * share blocks under interval mining), waits for all receipts and checks every address now holds code.
 */
async function ensureCreate2(
  client: PublicClient<Transport, Chain>,
  wallet: WalletClient<Transport, Chain, LocalAccount>,
  account: LocalAccount,
  plans: Create2Plan[],
  canonical: ReadonlySet<string>,
  log: (line: string) => void,
): Promise<void> {
  const missing: Create2Plan[] = [];
  for (const plan of plans) {
    const code = await client.getCode({ address: plan.address });
    if (code === undefined || code === '0x') {
      missing.push(plan);
    } else if (canonical.has(plan.key) && !isExpectedRuntime(plan.artifact, code)) {
      throw new CanonicalAddressTaken(plan.artifact, plan.address, (code.length - 2) / 2);
    } else {
      log(`reused   ${label(plan).padEnd(28)} ${plan.address}`);
    }
  }
  if (missing.length === 0) return;
  let nonce = await client.getTransactionCount({ address: account.address, blockTag: 'pending' });
  const sent: { plan: Create2Plan; hash: Hex }[] = [];
  for (const plan of missing) {
    const data = create2Calldata(plan.initCode, plan.salt);
    const gas = await client.estimateGas({ account, to: CREATE2_DEPLOYER, data });
    const hash = await wallet.sendTransaction({ to: CREATE2_DEPLOYER, data, gas, nonce: nonce++ });
    sent.push({ plan, hash });
  }
  for (const { plan, hash } of sent) {
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== 'success') throw new Error(`CREATE2 deployment of ${plan.artifact} (${plan.key}) reverted (tx ${hash}).`);
    if (!(await hasCode(client, plan.address))) {
      throw new Error(`CREATE2 deployment of ${plan.artifact} (${plan.key}) mined but ${plan.address} has no code.`);
    }
    log(`deployed ${label(plan).padEnd(28)} ${plan.address} (tx ${hash})`);
  }
}

const label = (plan: Create2Plan) => (plan.artifact === 'TestToken' ? `TestToken ${plan.key}` : plan.artifact);
