import { createCartesiPublicClient } from '@cartesi/viem';
import { http } from 'viem';
import { RPC_URL } from '../config/env.js';

/** The rollups-node JSON-RPC (inputs, outputs, reports); loaded lazily, only trackers and Activity need it. */
export const rpcClient = createCartesiPublicClient({ transport: http(RPC_URL), pollingInterval: 1_000 });
