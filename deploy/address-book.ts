/**
 * The `deployer` service of docker-compose.yml: once the rollups-node has deployed the application
 * (service deploy-application), deploy the two test tokens (CREATE2, so a second run is a no-op) and write
 * the address book the web app reads at GET /addresses, in protocol's AddressBook shape.
 *
 *   ANVIL_URL (http://anvil:8545)  NODE_RPC_URL (http://rollups-node:10011/rpc)
 *   APPLICATION_NAME (streamswap)  ADDRESS_BOOK (/srv/addresses/addresses.json)
 *   DEPLOYER_ACCOUNT_INDEX (1)     which devnet account sends the token deployments. Not the node's account
 *                                  (CARTESI_AUTH_MNEMONIC's account 0, the claimer): two senders on one account race
 *                                  for its nonces, and a claim could fail or a deployment replace it.
 */
import { writeFileSync } from 'node:fs';
import { addressBookSchema, CARTESI_V2_2_ADDRESSES } from '@streamswap/protocol';
import {
  anvilAccount,
  authorityAbi,
  CREATE2_DEPLOYER,
  create2Calldata,
  TEST_TOKENS,
  testTokenAddress,
  testTokenInfos,
  testTokenInitCode,
} from '@streamswap/contracts';
import { createPublicClient, createWalletClient, getAddress, hexToNumber, http, zeroHash, type Hex } from 'viem';

const anvilUrl = process.env.ANVIL_URL ?? 'http://anvil:8545';
const nodeRpcUrl = process.env.NODE_RPC_URL ?? 'http://rollups-node:10011/rpc';
const applicationName = process.env.APPLICATION_NAME ?? 'streamswap';
const out = process.env.ADDRESS_BOOK ?? '/srv/addresses/addresses.json';

const account = anvilAccount(Number(process.env.DEPLOYER_ACCOUNT_INDEX ?? 1));
const chain = createPublicClient({ transport: http(anvilUrl) });
const wallet = createWalletClient({ account, transport: http(anvilUrl) });
const chainId = await chain.getChainId();

for (const spec of TEST_TOKENS) {
  const address = testTokenAddress(spec);
  if (await chain.getCode({ address })) continue;
  const hash = await wallet.sendTransaction({
    chain: null,
    to: CREATE2_DEPLOYER,
    data: create2Calldata(testTokenInitCode(spec), zeroHash),
  });
  await chain.waitForTransactionReceipt({ hash });
  console.log(`deployed ${spec.symbol} at ${address}`);
}

interface NodeApplication {
  iapplication_address: Hex;
  iconsensus_address: Hex;
  template_hash: Hex;
  epoch_length: Hex;
  iinputbox_block: Hex;
}

/** cartesi_getApplication, retried until deploy-application has registered the application. */
async function application(): Promise<NodeApplication> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(nodeRpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'cartesi_getApplication', params: { application: applicationName } }),
      });
      const body = (await response.json()) as { result?: { data: NodeApplication } };
      if (body.result) return body.result.data;
    } catch {
      // the node is still starting
    }
    if (attempt === 300) throw new Error(`The rollups-node at ${nodeRpcUrl} never reported the application "${applicationName}".`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

const app = await application();
const authority = getAddress(app.iconsensus_address);
const book = addressBookSchema.parse({
  chainId,
  applicationName,
  application: getAddress(app.iapplication_address),
  authority,
  // the node's account, which deploy-application made the Authority's owner (not this script's account)
  authorityOwner: await chain.readContract({ address: authority, abi: authorityAbi, functionName: 'owner' }),
  epochLength: hexToNumber(app.epoch_length),
  templateHash: app.template_hash,
  deploymentBlock: hexToNumber(app.iinputbox_block),
  ...CARTESI_V2_2_ADDRESSES,
  tokens: testTokenInfos(),
});
writeFileSync(out, `${JSON.stringify(book, null, 2)}\n`);
console.log(`address book written to ${out}: application ${book.application}`);
