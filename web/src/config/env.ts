/** Where the node is: the one entry URL of `cartesi run` or the dev node, everything else derives from it. */
export const NODE_URL = (import.meta.env.VITE_NODE_URL ?? 'http://127.0.0.1:6751').replace(/\/+$/, '');

export const ANVIL_URL = `${NODE_URL}/anvil`;
export const RPC_URL = `${NODE_URL}/rpc`;
export const ADDRESSES_URL = `${NODE_URL}/addresses`;
export const inspectUrl = (application: string) => `${NODE_URL}/inspect/${application}`;

/** How often live state is re-read from inspect; ticking fills the gaps between reads. */
export const INSPECT_POLL_MS = 4_000;
/** How often the chain clock re-anchors on the latest block. */
export const CLOCK_POLL_MS = 5_000;
