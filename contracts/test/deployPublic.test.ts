import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, http, keccak256, stringToHex, toHex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressBookSchema, CARTESI_V2_2_ADDRESSES, type AddressBook } from '@streamswap/protocol';
import { anvilAccount, applicationAbi, authorityAbi, startAnvil, type AnvilInstance } from '../src/index.js';

// The README's "Deploy to a public network", run as written against an anvil posing as Sepolia (chain 11155111):
// the commands are read from README.md, and only the values a user exports first are ours.
const repo = new URL('../../', import.meta.url).pathname;
const readme = readFileSync(join(repo, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Deploy to a public network'));
const line = (start: string) => {
  const found = section.split('\n').find((l) => l.startsWith(start));
  if (!found) throw new Error(`README's "Deploy to a public network" has no line starting with ${start}`);
  return found;
};
const deployLine = line('npm run deploy -- ');
const webLine = line('VITE_ADDRESS_BOOK=');
const composeLine = line('APPLICATION=$(');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function sh(command: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const devKeys = [0, 1, 2, 3, 4, 5].map((i) => anvilAccount(i));
const deployer = devKeys[0]!;
const claimer = devKeys[1]!;
const templateHash = keccak256(stringToHex('a machine'));

let chain: AnvilInstance;
let dir: string;
let env: Record<string, string>;
let first: Run;
let book: AddressBook;
let client: ReturnType<typeof createPublicClient>;

beforeAll(async () => {
  chain = await startAnvil({ port: 0, chainId: 11155111 });
  client = createPublicClient({ transport: http(chain.rpcUrl) });
  dir = mkdtempSync(join(tmpdir(), 'streamswap-deploy-'));
  env = {
    CHAIN_ID: '11155111',
    CHAIN_RPC_URL: chain.rpcUrl,
    DEPLOYER_PRIVATE_KEY: toHex(deployer.getHdKey().privateKey!),
    CLAIMER_ADDRESS: claimer.address,
    TEMPLATE_HASH: templateHash,
    ADDRESS_BOOK: join(dir, 'sepolia.json'),
    NODE_URL: 'https://node.streamswap.example',
  };
  first = await sh(deployLine, env);
  if (first.code === 0) book = addressBookSchema.parse(JSON.parse(readFileSync(env.ADDRESS_BOOK!, 'utf8')));
}, 180_000);
afterAll(async () => {
  await chain?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const nonce = () => client.getTransactionCount({ address: deployer.address });

describe('npm run deploy, as the README shows it, on chain 11155111', () => {
  it('deploys the v2.2.0 contracts, the application and its Authority, and writes the address book', async () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`address book written to ${env.ADDRESS_BOOK}`);
    expect(book.chainId).toBe(11155111);
    for (const [key, address] of Object.entries(CARTESI_V2_2_ADDRESSES)) {
      if (key !== 'quorumFactory') expect(book[key as keyof AddressBook], key).toBe(address);
      expect(first.stderr).toMatch(new RegExp(`deployed \\w+ +${address}`));
    }
    expect(await client.getCode({ address: book.application })).toMatch(/^0x[0-9a-f]{100,}/);
    expect(await client.readContract({ address: book.application, abi: applicationAbi, functionName: 'getOutputsMerkleRootValidator' })).toBe(book.authority);
    expect(await client.readContract({ address: book.application, abi: applicationAbi, functionName: 'getTemplateHash' })).toBe(templateHash);
    expect(await client.readContract({ address: book.application, abi: applicationAbi, functionName: 'owner' })).toBe(deployer.address);
    expect(await client.readContract({ address: book.authority, abi: authorityAbi, functionName: 'owner' })).toBe(claimer.address);
    expect(await client.readContract({ address: book.authority, abi: authorityAbi, functionName: 'getEpochLength' })).toBe(720n);
    expect(book.authorityOwner).toBe(claimer.address);
    expect(book.tokens.map((t) => t.symbol)).toEqual(['tCTSI', 'tUSD']);
  });

  it('reuses every contract on a second run and sends nothing', async () => {
    const before = await nonce();
    const again = await sh(deployLine, env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(/^deployed /m);
    for (const address of Object.values(CARTESI_V2_2_ADDRESSES)) expect(again.stderr).toMatch(new RegExp(`reused +\\w+ +${address}`));
    expect(again.stderr).toContain(`reused   application ${book.application}`);
    expect(await nonce()).toBe(before);
    expect(JSON.parse(readFileSync(env.ADDRESS_BOOK!, 'utf8'))).toEqual(book);
  });

  it('builds the web bundle for that chain and application, with no development account in it', async () => {
    const out = join(dir, 'web');
    const built = await sh(webLine, { ...env, WEB_OUT_DIR: out });
    expect(built.code, built.stderr + built.stdout).toBe(0);
    expect(built.stdout).toContain('development accounts left out');
    const js = readdirSync(join(out, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(out, 'assets', f), 'utf8'))
      .join('\n')
      .toLowerCase();
    expect(statSync(join(out, 'index.html')).isFile()).toBe(true);
    expect(js).toContain('11155111');
    expect(js).toContain(book.application.toLowerCase());
    expect(js).toContain(env.NODE_URL!);
    expect(js).not.toContain('31337');
    // no development account: no dev key, and no dev address but the ones this deployment's book names (its owners)
    const named = JSON.stringify(book).toLowerCase();
    for (const account of devKeys) {
      expect(js).not.toContain(toHex(account.getHdKey().privateKey!).slice(2));
      if (!named.includes(account.address.slice(2).toLowerCase())) expect(js).not.toContain(account.address.slice(2).toLowerCase());
    }
    expect(js).not.toContain('streamswap.devaccount.'); // the dev connector's storage key: the connector is not in the bundle
    // the compose line reads the application's address from the same book
    const application = await sh(`echo ${composeLine.slice('APPLICATION='.length, composeLine.indexOf(' docker compose'))}`, env);
    expect(application.stdout.trim()).toBe(book.application);
  }, 240_000);

  it('refuses, naming the contract and the address, once another contract sits at a canonical address', async () => {
    const taken = CARTESI_V2_2_ADDRESSES.applicationFactory;
    await client.request({ method: 'anvil_setCode' as never, params: [taken, '0x60006000fd'] as never });
    const before = await nonce();
    const refused = await sh(deployLine, env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Refusing to deploy: the canonical Cartesi Rollups v2.2.0 address of ApplicationFactory, ${taken}, holds other code`);
    expect(await nonce()).toBe(before);
  });
});

describe('the web sources', () => {
  it('assume no chain: no 31337, no viem/chains, no foundry under web/src', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts')) files.push(p);
      }
    };
    walk(join(repo, 'web/src'));
    const offenders = files.filter((f) => /31337|viem\/chains|foundry/i.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
