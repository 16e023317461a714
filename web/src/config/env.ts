/**
 * Where everything is, fixed at build time (see buildConfig.ts for the VITE_* variables): the chain, its RPC, the
 * node's entry point (the `cartesi run` layout: /rpc, /inspect/<app>, and /addresses on a dev node) and the reader.
 */
export const DEPLOYMENT = __STREAMSWAP_DEPLOYMENT__;

export const CHAIN_ID = DEPLOYMENT.chainId;
export const CHAIN_NAME = DEPLOYMENT.chainName;
export const CHAIN_RPC_URL = DEPLOYMENT.chainRpcUrl;
export const NODE_URL = DEPLOYMENT.nodeUrl;
export const RPC_URL = `${NODE_URL}/rpc`;
export const ADDRESSES_URL = `${NODE_URL}/addresses`;
export const inspectUrl = (application: string) => `${NODE_URL}/inspect/${application}`;
/** The reader service, when the build was given one (VITE_READER_URL). */
export const READER_URL: string | undefined = DEPLOYMENT.readerUrl === '' ? undefined : DEPLOYMENT.readerUrl;

/** Development accounts are in this bundle (a literal: false drops them and their connector from a production build). */
export const DEV_ACCOUNTS_ENABLED = __STREAMSWAP_DEV_ACCOUNTS__;

/** How often live state is re-read from inspect; ticking fills the gaps between reads. */
export const INSPECT_POLL_MS = 4_000;
/** How often the chain clock re-anchors on the latest block. */
export const CLOCK_POLL_MS = 5_000;
