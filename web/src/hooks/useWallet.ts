import { useConnection } from 'wagmi';
import { localChain } from '../config/chain.js';

/** What every form needs to know about the wallet to pick its primary button. */
export function useWallet() {
  const connection = useConnection();
  const connected = connection.status === 'connected' && !!connection.address;
  return {
    address: connection.address,
    connected,
    wrongChain: connected && connection.chainId !== localChain.id,
    chainName: localChain.name,
  };
}
