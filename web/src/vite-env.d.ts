/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Entry point of the local node (cartesi run layout): /anvil, /rpc, /inspect/<app>, /addresses. */
  readonly VITE_NODE_URL?: string;
}
