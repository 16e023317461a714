/**
 * Build-time configuration of the web app, resolved by vite.config.ts (and vitest.config.ts) from the VITE_* variables
 * and baked into the bundle through `define`: which chain, where its RPC, the node, the reader and the application are,
 * and whether the development accounts are in the bundle at all. Pure: no I/O beyond the file reader it is given,
 * no import of the browser code, so the Vite config (running in Node) can load it.
 *
 *   VITE_CHAIN_ID        chain id (default: the address book's, else the build's local-chain default)
 *   VITE_CHAIN_NAME      name shown in the wallet bar (default: a known name for the id, else "Chain <id>")
 *   VITE_CHAIN_RPC_URL   the chain's JSON-RPC (default: the node's chain route, <VITE_NODE_URL> + the defaults' chainRpcPath)
 *   VITE_NODE_URL        the node's entry point: /rpc, /inspect/<app> (and /addresses on a dev node)
 *   VITE_READER_URL      the reader service (optional)
 *   VITE_ADDRESS_BOOK    path of an address book written by `npm run deploy`, embedded in the bundle (else the app
 *                        reads <VITE_NODE_URL>/addresses at run time)
 *   VITE_APPLICATION     the application: its address, or its name on the node; must match the address book
 *   VITE_DEV_ACCOUNTS    "true" puts the development accounts into a production build (always in `vite` dev)
 */

/** What the bundle knows about its deployment (`__STREAMSWAP_DEPLOYMENT__`). */
export interface DeploymentConfig {
  chainId: number;
  chainName: string;
  chainRpcUrl: string;
  nodeUrl: string;
  /** '' when there is no reader. */
  readerUrl: string;
  /** Application address or name the build was made for; '' = whatever the node's address book names. */
  application: string;
  /** The address book embedded at build time (VITE_ADDRESS_BOOK), or null to fetch <nodeUrl>/addresses. */
  addressBook: Record<string, unknown> | null;
}

export interface BuildConfig {
  deployment: DeploymentConfig;
  /** `__STREAMSWAP_DEV_ACCOUNTS__`: a literal, so a production build drops the accounts and their connector. */
  devAccounts: boolean;
}

export interface BuildDefaults {
  /** Chain id when neither VITE_CHAIN_ID nor an address book gives one (the local dev chain). */
  chainId: number;
  /** Entry point when VITE_NODE_URL is not set. */
  nodeUrl: string;
  /** Where a local node serves the chain's JSON-RPC, under its entry point, when VITE_CHAIN_RPC_URL is not set. */
  chainRpcPath: string;
  /** Names for well-known chain ids. */
  chainNames: Readonly<Record<number, string>>;
}

export type BuildEnv = Readonly<Record<string, string | undefined>>;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** Resolves and checks the configuration; throws an Error naming the variable that is wrong. */
export function resolveBuildConfig(
  env: BuildEnv,
  opts: { devServer: boolean; defaults: BuildDefaults; readFile: (path: string) => string },
): BuildConfig {
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  let addressBook: Record<string, unknown> | null = null;
  const bookPath = get('VITE_ADDRESS_BOOK');
  if (bookPath !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(opts.readFile(bookPath));
    } catch (error) {
      throw new Error(`VITE_ADDRESS_BOOK=${bookPath}: cannot read it as JSON (${(error as Error).message}).`);
    }
    const book = parsed as Record<string, unknown>;
    if (typeof book !== 'object' || book === null || !Number.isSafeInteger(book.chainId) || typeof book.application !== 'string' || !ADDRESS.test(book.application)) {
      throw new Error(`VITE_ADDRESS_BOOK=${bookPath} is not an address book (no chainId and application): write it with npm run deploy.`);
    }
    addressBook = book;
  }

  const rawChainId = get('VITE_CHAIN_ID');
  let chainId: number;
  if (rawChainId !== undefined) {
    if (!/^\d+$/.test(rawChainId) || !Number.isSafeInteger(Number(rawChainId)) || Number(rawChainId) === 0) {
      throw new Error(`VITE_CHAIN_ID must be a positive whole number, got "${rawChainId}".`);
    }
    chainId = Number(rawChainId);
    if (addressBook && addressBook.chainId !== chainId) {
      throw new Error(`VITE_CHAIN_ID=${chainId} but the address book VITE_ADDRESS_BOOK=${bookPath} is for chain ${String(addressBook.chainId)}.`);
    }
  } else {
    chainId = addressBook ? (addressBook.chainId as number) : opts.defaults.chainId;
  }

  const application = get('VITE_APPLICATION') ?? (addressBook ? (addressBook.application as string) : '');
  if (addressBook && application !== '') {
    const matches = ADDRESS.test(application)
      ? application.toLowerCase() === (addressBook.application as string).toLowerCase()
      : application === addressBook.applicationName;
    if (!matches) throw new Error(`VITE_APPLICATION=${application} is not the application of the address book VITE_ADDRESS_BOOK=${bookPath}.`);
  }

  const nodeUrl = url('VITE_NODE_URL', get('VITE_NODE_URL') ?? opts.defaults.nodeUrl);
  const chainRpcUrl = url('VITE_CHAIN_RPC_URL', get('VITE_CHAIN_RPC_URL') ?? `${nodeUrl}${opts.defaults.chainRpcPath}`);
  const readerValue = get('VITE_READER_URL');
  const readerUrl = readerValue === undefined ? '' : url('VITE_READER_URL', readerValue);
  const devFlag = get('VITE_DEV_ACCOUNTS');
  if (devFlag !== undefined && devFlag !== 'true' && devFlag !== 'false') {
    throw new Error(`VITE_DEV_ACCOUNTS must be "true" or "false", got "${devFlag}".`);
  }

  return {
    deployment: {
      chainId,
      chainName: get('VITE_CHAIN_NAME') ?? opts.defaults.chainNames[chainId] ?? `Chain ${chainId}`,
      chainRpcUrl,
      nodeUrl,
      readerUrl,
      application,
      addressBook,
    },
    devAccounts: opts.devServer || devFlag === 'true',
  };
}

function url(name: string, value: string): string {
  if (!/^https?:\/\/[^\s]+$/.test(value)) throw new Error(`${name} must be an http(s) URL, got "${value}".`);
  return value.replace(/\/+$/, '');
}

/** The `define` entries for Vite: identifiers replaced by literals at build time. */
export function buildDefines(config: BuildConfig): Record<string, string> {
  return {
    __STREAMSWAP_DEPLOYMENT__: JSON.stringify(config.deployment),
    __STREAMSWAP_DEV_ACCOUNTS__: JSON.stringify(config.devAccounts),
  };
}
