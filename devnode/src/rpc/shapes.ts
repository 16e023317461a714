import { encodeFunctionData, getAddress, zeroAddress, type Hex } from 'viem';
import type { AddressBook } from '@streamswap/protocol';
import { dataAvailabilityAbi } from '../chain/abis.js';
import { decodeOutput } from '../chain/outputs.js';
import type { EpochRow, InputRow, OutputRow, ReportRow } from '../store/NodeStore.js';

/** JSON-RPC object shapes (reference §6): integers as hex strings, times as RFC 3339. */
export const hx = (n: number | bigint): Hex => `0x${n.toString(16)}`;

export interface AppState {
  addressBook: AddressBook;
  processedInputs: number;
  lastScannedBlock: number;
  createdAt: string;
}

export function applicationJson(s: AppState): Record<string, unknown> {
  const b = s.addressBook;
  const lastCheck = hx(Math.max(s.lastScannedBlock, 0));
  const t = s.createdAt;
  return {
    name: b.applicationName,
    iapplication_address: b.application,
    iconsensus_address: b.authority,
    iinputbox_address: b.inputBox,
    template_hash: b.templateHash,
    epoch_length: hx(b.epochLength),
    claim_staging_period: '0x0',
    withdrawal_config: {
      guardian: zeroAddress,
      log2_leaves_per_account: '0x0',
      log2_max_num_of_accounts: '0x0',
      accounts_drive_start_index: '0x0',
      withdrawal_output_builder: zeroAddress,
    },
    data_availability: encodeFunctionData({ abi: dataAvailabilityAbi, functionName: 'InputBox', args: [b.inputBox] }),
    consensus_type: 'AUTHORITY',
    enabled: true,
    state: 'ENABLED',
    status: 'OK',
    reason: null,
    iinputbox_block: hx(b.deploymentBlock),
    last_epoch_check_block: lastCheck,
    last_input_check_block: lastCheck,
    last_output_check_block: lastCheck,
    last_tournament_check_block: '0x0',
    last_foreclose_check_block: '0x0',
    last_accounts_drive_proved_check_block: '0x0',
    last_withdrawal_check_block: '0x0',
    processed_inputs: hx(s.processedInputs),
    foreclose_block: '0x0',
    foreclose_transaction: null,
    accounts_drive_proved_block: '0x0',
    accounts_drive_proved_transaction: null,
    accounts_drive_merkle_root: null,
    created_at: t,
    updated_at: new Date().toISOString(),
    execution_parameters: {
      snapshot_policy: 'NONE',
      advance_inc_cycles: '0x0',
      advance_max_cycles: '0x0',
      inspect_inc_cycles: '0x0',
      inspect_max_cycles: '0x0',
      advance_inc_deadline: '0x0',
      advance_max_deadline: '0x0',
      inspect_inc_deadline: '0x0',
      inspect_max_deadline: '0x0',
      load_deadline: '0x0',
      store_deadline: '0x0',
      fast_deadline: '0x0',
      max_concurrent_inspects: 1,
      created_at: t,
      updated_at: t,
    },
  };
}

export function inputJson(i: InputRow): Record<string, unknown> {
  return {
    epoch_index: hx(i.epochIndex),
    index: hx(i.idx),
    block_number: hx(i.blockNumber),
    raw_data: i.rawData,
    decoded_data: {
      chain_id: hx(i.chainId),
      application_contract: getAddress(i.appContract),
      sender: getAddress(i.msgSender),
      block_number: hx(i.blockNumber),
      block_timestamp: hx(i.blockTimestamp),
      prev_randao: i.prevRandao,
      index: hx(i.idx),
      payload: i.payload,
    },
    status: i.status,
    machine_hash: null,
    outputs_hash: i.outputsHash,
    transaction_reference: i.txHash,
    transaction_hash: i.txHash,
    log_index: hx(i.logIndex),
    created_at: i.createdAt,
    updated_at: i.updatedAt,
  };
}

export function outputJson(o: OutputRow): Record<string, unknown> {
  const proven = o.siblings !== null;
  return {
    epoch_index: hx(o.epochIndex),
    input_index: hx(o.inputIndex),
    index: hx(o.idx),
    raw_data: o.rawData,
    decoded_data: decodeOutput(o.rawData),
    hash: proven ? o.leaf : null,
    output_hashes_siblings: o.siblings,
    execution_transaction_hash: o.executionTx,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
  };
}

export function reportJson(r: ReportRow): Record<string, unknown> {
  return {
    epoch_index: hx(r.epochIndex),
    input_index: hx(r.inputIndex),
    index: hx(r.idx),
    raw_data: r.rawData,
    created_at: r.createdAt,
    updated_at: r.createdAt,
  };
}

export function epochJson(e: EpochRow): Record<string, unknown> {
  return {
    index: hx(e.idx),
    first_block: hx(e.firstBlock),
    last_block: hx(e.lastBlock),
    input_index_lower_bound: hx(e.inputLower),
    input_index_upper_bound: hx(e.inputUpper),
    machine_hash: null,
    outputs_merkle_root: e.root,
    claim_hash: e.root,
    outputs_merkle_proof: null,
    commitment: null,
    commitment_proof: null,
    claim_transaction_hash: e.claimTx,
    tournament_address: null,
    status: e.status,
    staged_at_block: null,
    virtual_index: hx(e.virtualIndex),
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
}
