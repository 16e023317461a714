import { parseAbi } from 'viem';

/** The few Cartesi Rollups v2.2.0 ABI items the node uses (reference cartesi-v2.md §2, §4, §5). */
export const inputBoxEventsAbi = parseAbi(['event InputAdded(address indexed appContract, uint256 indexed index, bytes input)']);

export const evmAdvanceAbi = parseAbi([
  'function EvmAdvance(uint256 chainId, address appContract, address msgSender, uint256 blockNumber, uint256 blockTimestamp, uint256 prevRandao, uint256 index, bytes payload)',
]);

export const outputsAbi = parseAbi([
  'function Notice(bytes payload)',
  'function Voucher(address destination, uint256 value, bytes payload)',
  'function DelegateCallVoucher(address destination, bytes payload)',
]);

export const authorityAbi = parseAbi([
  'function submitClaim(address appContract, uint256 lastProcessedBlockNumber, bytes32 outputsMerkleRoot)',
  'function isOutputsMerkleRootValid(address appContract, bytes32 outputsMerkleRoot) view returns (bool)',
  'function owner() view returns (address)',
  'function transferOwnership(address newOwner)',
  'event ClaimAccepted(address indexed appContract, uint256 lastProcessedBlockNumber, bytes32 outputsMerkleRoot)',
]);

export const applicationEventsAbi = parseAbi(['event OutputExecuted(uint64 outputIndex, bytes output)']);

export const dataAvailabilityAbi = parseAbi(['function InputBox(address inputBox)']);
