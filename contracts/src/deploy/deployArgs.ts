import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { getAddress, isAddress, isHex, numberToHex, padHex, type Address, type Hex } from 'viem';
import { DEFAULT_TEMPLATE_HASH } from './deployStack.js';

/** What `npm run deploy` was asked to do, validated. */
export interface DeployArgs {
  rpcUrl: string;
  privateKey: Hex;
  salt: Hex;
  epochLength: number;
  templateHash: Hex;
  /** False when --template-hash was not given: the development default, which no real machine has. */
  templateHashGiven: boolean;
  owner?: Address;
  authorityOwner?: Address;
  applicationName: string;
  testTokens: boolean;
  /** As given (relative to the caller's directory); undefined = deployments/<chain id>.json. */
  out?: string;
}

export const DEPLOY_USAGE = `Usage: npm run deploy -- --rpc <url> --private-key <key> [options]

Deploys streamswap on any EVM chain: the Cartesi Rollups v2.2.0 contracts at their canonical CREATE2 addresses
(reused where they already exist, refused where another contract sits there), then the application and its
Authority through SelfHostedApplicationFactory, and writes the address book.

  --rpc <url>                 the chain's JSON-RPC endpoint (required)
  --private-key <0x…>         the deploying account's key (required; or DEPLOYER_PRIVATE_KEY in the environment)
  --salt <bytes32 | integer>  salt of the application and Authority (default 0); a new salt deploys a new application
  --epoch-length <blocks>     blocks per epoch of the Authority (default 720, as cartesi run)
  --template-hash <0x… | file>  the machine's template hash, or a file holding it (32 raw bytes or hex),
                              e.g. .cartesi/image/hash after cartesi build (default, for development only:
                              keccak256("streamswap"), which no real machine has)
  --owner <address>           owner of the application (default the deploying account)
  --authority-owner <address> owner of the Authority, the account the node claims with (default the deploying account)
  --name <name>               application name in the address book (default streamswap)
  --no-test-tokens            do not deploy the open-mint test tokens tCTSI and tUSD
  --out <path>                where to write the address book (default deployments/<chain id>.json)
`;

/** Parses the command line (`process.argv.slice(2)`); throws an Error whose message says what is wrong. */
export function parseDeployArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): DeployArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      rpc: { type: 'string' },
      'private-key': { type: 'string' },
      salt: { type: 'string' },
      'epoch-length': { type: 'string' },
      'template-hash': { type: 'string' },
      owner: { type: 'string' },
      'authority-owner': { type: 'string' },
      name: { type: 'string' },
      'no-test-tokens': { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  const rpcUrl = values.rpc;
  if (!rpcUrl) throw new Error('--rpc <url> is required: the JSON-RPC endpoint of the chain to deploy on.');
  if (!/^(https?|wss?):\/\//.test(rpcUrl)) throw new Error(`--rpc must be an http(s) or ws(s) URL, got "${rpcUrl}".`);

  const rawKey = values['private-key'] ?? env.DEPLOYER_PRIVATE_KEY;
  if (!rawKey) throw new Error('--private-key <key> is required (or DEPLOYER_PRIVATE_KEY in the environment).');
  const privateKey = (rawKey.startsWith('0x') ? rawKey : `0x${rawKey}`) as Hex;
  if (!/^0x[0-9a-fA-F]{64}$/.test(privateKey)) throw new Error('--private-key must be 32 bytes of hex (64 hex digits, 0x optional).');

  const epochLength = values['epoch-length'] === undefined ? 720 : Number(values['epoch-length']);
  if (!Number.isSafeInteger(epochLength) || epochLength <= 0 || !/^\d+$/.test(values['epoch-length'] ?? '720')) {
    throw new Error(`--epoch-length must be a positive whole number of blocks, got "${values['epoch-length']}".`);
  }

  return {
    rpcUrl,
    privateKey,
    salt: parseSalt(values.salt ?? '0'),
    epochLength,
    templateHash: values['template-hash'] === undefined ? DEFAULT_TEMPLATE_HASH : parseTemplateHash(values['template-hash'], cwd),
    templateHashGiven: values['template-hash'] !== undefined,
    ...(values.owner !== undefined ? { owner: parseAddress('--owner', values.owner) } : {}),
    ...(values['authority-owner'] !== undefined ? { authorityOwner: parseAddress('--authority-owner', values['authority-owner']) } : {}),
    applicationName: parseName(values.name ?? 'streamswap'),
    testTokens: !values['no-test-tokens'],
    ...(values.out !== undefined ? { out: values.out } : {}),
  };
}

function parseSalt(raw: string): Hex {
  if (/^\d+$/.test(raw)) {
    const n = BigInt(raw);
    if (n >= 1n << 256n) throw new Error(`--salt ${raw} does not fit in 32 bytes.`);
    return numberToHex(n, { size: 32 });
  }
  if (isHex(raw, { strict: true }) && raw.length <= 66 && raw.length > 2) return padHex(raw as Hex, { size: 32 });
  throw new Error(`--salt must be a whole number or hex of at most 32 bytes, got "${raw}".`);
}

function parseTemplateHash(raw: string, cwd: string): Hex {
  if (/^0x[0-9a-fA-F]{64}$/.test(raw)) return raw.toLowerCase() as Hex;
  const path = raw.startsWith('/') ? raw : `${cwd}/${raw}`;
  if (!existsSync(path)) throw new Error(`--template-hash must be 0x and 64 hex digits or a file holding the hash; "${raw}" is neither.`);
  const bytes = readFileSync(path);
  if (bytes.length === 32) return `0x${bytes.toString('hex')}`;
  const text = bytes.toString('utf8').trim();
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(text)) return `0x${text.replace(/^0x/, '').toLowerCase()}`;
  throw new Error(`--template-hash file ${raw} holds neither 32 raw bytes nor 64 hex digits.`);
}

function parseAddress(flag: string, raw: string): Address {
  if (!isAddress(raw, { strict: false })) throw new Error(`${flag} must be an address (0x and 40 hex digits), got "${raw}".`);
  return getAddress(raw);
}

function parseName(raw: string): string {
  // the node serves /inspect/<name>: keep it a URL path segment
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(raw)) throw new Error(`--name must be lowercase letters, digits and dashes, got "${raw}".`);
  return raw;
}
