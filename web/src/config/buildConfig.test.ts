import { describe, expect, it } from 'vitest';
import { resolveBuildConfig, type BuildEnv } from './buildConfig.js';

const defaults = { chainId: 7, nodeUrl: 'http://127.0.0.1:6751', chainRpcPath: '/anvil', chainNames: { 7: 'Dev chain', 11155111: 'Sepolia' } };
const app = '0x7ed071cafc8c2Ff16Cb111a1BB3899DF8EecA353';
const book = JSON.stringify({ chainId: 11155111, applicationName: 'streamswap', application: app });
const resolve = (env: BuildEnv, devServer = false) => resolveBuildConfig(env, { devServer, defaults, readFile: () => book });

describe('build-time configuration', () => {
  it('takes the chain and application from an address book, the URLs from VITE_*, and leaves dev accounts out of a build', () => {
    const c = resolve({ VITE_ADDRESS_BOOK: 'book.json', VITE_CHAIN_RPC_URL: 'https://rpc.example/', VITE_NODE_URL: 'https://node.example', VITE_READER_URL: 'https://reader.example' });
    expect(c.devAccounts).toBe(false);
    expect(c.deployment).toMatchObject({ chainId: 11155111, chainName: 'Sepolia', chainRpcUrl: 'https://rpc.example', nodeUrl: 'https://node.example', readerUrl: 'https://reader.example', application: app });
    expect(c.deployment.addressBook).toMatchObject({ application: app });
  });

  it('uses the defaults only where nothing is set, and dev accounts in the dev server or when asked for', () => {
    const c = resolve({}, true);
    expect(c.deployment).toMatchObject({ chainId: 7, chainName: 'Dev chain', nodeUrl: 'http://127.0.0.1:6751', chainRpcUrl: 'http://127.0.0.1:6751/anvil', readerUrl: '', application: '', addressBook: null });
    expect(c.devAccounts).toBe(true);
    expect(resolve({ VITE_DEV_ACCOUNTS: 'true' }).devAccounts).toBe(true);
    expect(resolve({ VITE_CHAIN_ID: '42' }).deployment.chainName).toBe('Chain 42');
  });

  it('refuses a configuration that contradicts itself or is malformed, naming the variable', () => {
    expect(() => resolve({ VITE_ADDRESS_BOOK: 'b', VITE_CHAIN_ID: '1' })).toThrow(/VITE_CHAIN_ID=1 .* chain 11155111/);
    expect(() => resolve({ VITE_ADDRESS_BOOK: 'b', VITE_APPLICATION: '0x0000000000000000000000000000000000000001' })).toThrow(/VITE_APPLICATION/);
    expect(resolve({ VITE_ADDRESS_BOOK: 'b', VITE_APPLICATION: 'streamswap' }).deployment.application).toBe('streamswap');
    expect(() => resolve({ VITE_CHAIN_ID: 'sepolia' })).toThrow(/VITE_CHAIN_ID/);
    expect(() => resolve({ VITE_NODE_URL: 'node.example' })).toThrow(/VITE_NODE_URL/);
    expect(() => resolve({ VITE_DEV_ACCOUNTS: 'yes' })).toThrow(/VITE_DEV_ACCOUNTS/);
    expect(() => resolveBuildConfig({ VITE_ADDRESS_BOOK: 'x' }, { devServer: false, defaults, readFile: () => '{}' })).toThrow(/not an address book/);
  });
});
