/**
 * An EIP-1193 wallet injected into the page before any script runs, announced through EIP-6963, forwarding JSON-RPC to
 * anvil, whose default accounts are unlocked (so eth_sendTransaction needs no key in the page). It exercises the app's
 * real injected-wallet path: discovery, connect, chain checks, wallet_switchEthereumChain, chainChanged.
 *
 * Test control lives on `window.__e2eWallet`: `rejectNext(method)` makes the next call of `method` fail with 4001 as if the
 * user pressed Reject; `setChain(id)` switches the wallet to another network as a user would in the extension;
 * `calls` lists the methods the page asked for.
 */
export interface WalletOptions {
  /** JSON-RPC URL of the chain (the node's /anvil proxy, as a real wallet would use its own RPC). */
  rpcUrl: string;
  account: string;
  /** The chain the wallet is on when the page loads. */
  chainId: number;
  /** Chains `wallet_switchEthereumChain` accepts. */
  knownChains: number[];
  rdns: string;
  name: string;
}

export const E2E_WALLET_RDNS = 'dev.streamswap.e2e-wallet';
export const E2E_WALLET_NAME = 'E2E Wallet';

export interface WalletControl {
  rejectNext(method: string): void;
  setChain(chainId: number): void;
  calls: string[];
}

/** Runs in the page (serialized by Playwright): no imports, no closures over module scope. */
export function installInjectedWallet(opts: WalletOptions): void {
  type Listener = (...args: unknown[]) => void;
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((l) => l(...args));
  const toHex = (n: number) => `0x${n.toString(16)}`;
  let chainId = opts.chainId;
  let connected = false;
  const rejections: string[] = [];
  const calls: string[] = [];
  let nextId = 1;

  const rpcError = (code: number, message: string) => Object.assign(new Error(message), { code });

  const forward = async (method: string, params: unknown): Promise<unknown> => {
    const res = await fetch(opts.rpcUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params: params ?? [] }),
    });
    const body = (await res.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
    return body.result;
  };

  const permissions = () => [{ parentCapability: 'eth_accounts', caveats: [{ type: 'restrictReturnedAccounts', value: [opts.account] }] }];

  const provider = {
    isE2EWallet: true,
    async request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
      calls.push(method);
      const rejected = rejections.indexOf(method);
      if (rejected >= 0) {
        rejections.splice(rejected, 1);
        throw rpcError(4001, 'User rejected the request.');
      }
      switch (method) {
        case 'eth_requestAccounts':
          connected = true;
          emit('connect', { chainId: toHex(chainId) });
          return [opts.account];
        case 'eth_accounts':
          return connected ? [opts.account] : [];
        case 'wallet_requestPermissions':
          connected = true;
          return permissions();
        case 'wallet_getPermissions':
          return connected ? permissions() : [];
        case 'wallet_revokePermissions':
          connected = false;
          return null;
        case 'eth_chainId':
          return toHex(chainId);
        case 'net_version':
          return String(chainId);
        case 'wallet_switchEthereumChain': {
          const wanted = Number.parseInt((params as [{ chainId: string }])[0].chainId, 16);
          if (!opts.knownChains.includes(wanted)) throw rpcError(4902, `Unrecognized chain ID ${toHex(wanted)}.`);
          if (wanted !== chainId) {
            chainId = wanted;
            emit('chainChanged', toHex(chainId));
          }
          return null;
        }
        case 'wallet_addEthereumChain':
          return null;
        case 'eth_sendTransaction': {
          const [tx] = params as [Record<string, unknown>];
          // a real wallet signs with the connected account only
          if (String(tx.from).toLowerCase() !== opts.account.toLowerCase()) throw rpcError(4100, `The wallet does not control ${String(tx.from)}.`);
          return forward(method, params);
        }
        default:
          return forward(method, params);
      }
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return provider;
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };

  const control = {
    rejectNext: (method: string) => void rejections.push(method),
    setChain: (id: number) => {
      chainId = id;
      emit('chainChanged', toHex(id));
    },
    calls,
  };
  Object.assign(window, { __e2eWallet: control });

  const icon = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><rect width="32" height="32" rx="6" fill="#3b82f6"/></svg>')}`;
  const detail = Object.freeze({
    info: Object.freeze({ uuid: '6f1c9d8e-2b7a-4c1e-9a53-e2e0e2e0e2e0', name: opts.name, icon, rdns: opts.rdns }),
    provider,
  });
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
}
