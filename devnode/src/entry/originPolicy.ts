/**
 * Which chain JSON-RPC methods a browser page may call through the node's /anvil proxy.
 *
 * Anvil signs for its unlocked accounts and for any account the node impersonates (the Authority owner, to send
 * claims), and its cheat methods rewrite balances, code, storage and time. A page from any other origin the developer
 * happens to visit can POST to 127.0.0.1, so only these stay open to every origin: the read and broadcast methods a
 * wallet or explorer needs (`eth_*` minus the ones anvil signs itself, `net_*`, `web3_*`). Everything else (anvil_*,
 * evm_*, hardhat_*, debug_*, eth_sendTransaction and the eth_sign family, personal_*, wallet_*, miner_*, ...) is served
 * only to the app's own origins and to clients that send no Origin header (scripts, tests, wallets' own RPC calls);
 * browsers always send Origin on a cross-origin POST, and a page cannot forge it.
 */
const SIGNED_BY_ANVIL = new Set([
  'eth_sendTransaction',
  'eth_sendUnsignedTransaction',
  'eth_sign',
  'eth_signTransaction',
  'eth_signTypedData',
  'eth_signTypedData_v3',
  'eth_signTypedData_v4',
]);

/** True when any origin may call `method`. */
export function isOpenMethod(method: string): boolean {
  if (SIGNED_BY_ANVIL.has(method)) return false;
  return method.startsWith('eth_') || method.startsWith('net_') || method.startsWith('web3_');
}

/** The app's own origins: each one as given plus its localhost/127.0.0.1 twin (the same dev server under either name). */
export class TrustedOrigins {
  private readonly origins = new Set<string>();

  constructor(origins: Iterable<string> = []) {
    for (const o of origins) this.add(o);
  }

  /** Adds an origin (a URL; only its origin part counts). */
  add(url: string): void {
    const u = new URL(url);
    this.origins.add(u.origin);
    const twin = u.hostname === '127.0.0.1' ? 'localhost' : u.hostname === 'localhost' ? '127.0.0.1' : null;
    if (twin) this.origins.add(`${u.protocol}//${twin}${u.port ? `:${u.port}` : ''}`);
  }

  /** A request may use every method when it has no Origin header (not a browser page) or comes from a trusted origin. */
  mayUseEverything(originHeader: string | undefined): boolean {
    return originHeader === undefined || this.origins.has(originHeader);
  }

  list(): string[] {
    return [...this.origins];
  }
}
