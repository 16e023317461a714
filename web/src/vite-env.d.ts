/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Entry point of the local node (cartesi run layout): /anvil, /rpc, /inspect/<app>, /addresses. */
  readonly VITE_NODE_URL?: string;
  /** The reader beside the node (GET /inspect/<route>, /events); reads fall back to the node's inspect without it. */
  readonly VITE_READER_URL?: string;
}
