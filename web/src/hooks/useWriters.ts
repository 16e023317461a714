import { useCallback } from 'react';
import { encodeFunctionData, parseUnits, type Address, type ContractFunctionArgs, type ContractFunctionName } from 'viem';
import { useWriteContract } from 'wagmi';
import { dappAbi, erc20PortalAbi, etherPortalAbi, inputBoxAbi, testTokenAbi } from '../chain/abis.js';
import { localChain } from '../config/chain.js';
import { useBook } from './BookContext.js';
import { useSendInput } from './useSendInput.js';

type DappCall = ContractFunctionName<typeof dappAbi, 'nonpayable' | 'payable'>;

/** Every write of the app, each passing chainId, each followed to its end by useSendInput. */
export function useWriters() {
  const book = useBook();
  const write = useWriteContract();
  const send = useSendInput();

  const addInput = useCallback(
    <F extends DappCall>(label: string, functionName: F, args: ContractFunctionArgs<typeof dappAbi, 'nonpayable' | 'payable', F>) => {
      const payload = encodeFunctionData({ abi: dappAbi, functionName, args } as never);
      return send(label, () =>
        write.mutateAsync({ address: book.inputBox, abi: inputBoxAbi, functionName: 'addInput', args: [book.application, payload], chainId: localChain.id }),
      );
    },
    [book, write, send],
  );

  const approve = useCallback(
    (label: string, token: Address, amount: bigint) =>
      send(label, () => write.mutateAsync({ address: token, abi: testTokenAbi, functionName: 'approve', args: [book.erc20Portal, amount], chainId: localChain.id }), { l1Only: true }),
    [book, write, send],
  );

  const deposit = useCallback(
    (label: string, token: Address, amount: bigint) =>
      send(label, () =>
        write.mutateAsync({ address: book.erc20Portal, abi: erc20PortalAbi, functionName: 'depositERC20Tokens', args: [token, book.application, amount, '0x'], chainId: localChain.id }),
      ),
    [book, write, send],
  );

  // the EtherPortal books msg.value for the sender; the app credits it under ETHER_TOKEN
  const depositEther = useCallback(
    (label: string, amount: bigint) =>
      send(label, () =>
        write.mutateAsync({ address: book.etherPortal, abi: etherPortalAbi, functionName: 'depositEther', args: [book.application, '0x'], value: amount, chainId: localChain.id }),
      ),
    [book, write, send],
  );

  const mint = useCallback(
    (label: string, token: Address, to: Address, decimals: number) =>
      send(label, () => write.mutateAsync({ address: token, abi: testTokenAbi, functionName: 'mint', args: [to, parseUnits('1000', decimals)], chainId: localChain.id }), { l1Only: true }),
    [write, send],
  );

  return { addInput, approve, deposit, depositEther, mint, busy: write.isPending };
}
