import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE_HASH, parseDeployArgs } from '../src/index.js';

const key = `0x${'11'.repeat(32)}`;
const base = ['--rpc', 'http://127.0.0.1:8545', '--private-key', key];
const dir = mkdtempSync(join(tmpdir(), 'deploy-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const parse = (...extra: string[]) => parseDeployArgs([...base, ...extra], {}, dir);

describe('npm run deploy flags', () => {
  it('has defaults for everything but the RPC and the key', () => {
    expect(parse()).toMatchObject({ epochLength: 720, salt: `0x${'00'.repeat(32)}`, templateHash: DEFAULT_TEMPLATE_HASH, templateHashGiven: false, applicationName: 'streamswap', testTokens: true });
    expect(parse().out).toBeUndefined();
  });

  it('reads salts as numbers or hex, template hashes as hex or files (raw 32 bytes or hex text), owners as addresses', () => {
    expect(parse('--salt', '1').salt).toBe(`0x${'00'.repeat(31)}01`);
    expect(parse('--salt', '0xff').salt).toBe(`0x${'00'.repeat(31)}ff`);
    writeFileSync(join(dir, 'raw'), Buffer.alloc(32, 0xab));
    writeFileSync(join(dir, 'text'), `${'cd'.repeat(32)}\n`);
    expect(parse('--template-hash', 'raw').templateHash).toBe(`0x${'ab'.repeat(32)}`);
    expect(parse('--template-hash', join(dir, 'text')).templateHash).toBe(`0x${'cd'.repeat(32)}`);
    expect(parse('--template-hash', `0x${'EF'.repeat(32)}`)).toMatchObject({ templateHash: `0x${'ef'.repeat(32)}`, templateHashGiven: true });
    expect(parse('--owner', '0x70997970c51812dc3a010c7d01b50e0d17dc79c8').owner).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    expect(parse('--no-test-tokens', '--epoch-length', '10', '--out', 'x.json')).toMatchObject({ testTokens: false, epochLength: 10, out: 'x.json' });
    expect(parseDeployArgs(['--rpc', 'http://x'], { DEPLOYER_PRIVATE_KEY: key.slice(2) }).privateKey).toBe(key);
  });

  it('refuses what it cannot use, saying which flag', () => {
    expect(() => parseDeployArgs(['--private-key', key])).toThrow(/--rpc/);
    expect(() => parseDeployArgs(['--rpc', 'http://x'], {})).toThrow(/--private-key/);
    expect(() => parse('--private-key', '0x12')).toThrow(/--private-key must be 32 bytes/);
    expect(() => parse('--epoch-length', '0')).toThrow(/--epoch-length/);
    expect(() => parse('--epoch-length', '1.5')).toThrow(/--epoch-length/);
    expect(() => parse('--salt', `0x${'00'.repeat(33)}`)).toThrow(/--salt/);
    expect(() => parse('--template-hash', 'no-such-file')).toThrow(/--template-hash/);
    expect(() => parse('--owner', '0x1234')).toThrow(/--owner/);
    expect(() => parse('--name', 'Stream Swap')).toThrow(/--name/);
    expect(() => parse('--frobnicate')).toThrow(/frobnicate/);
  });
});
