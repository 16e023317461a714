import { balancesViewSchema, type BalanceView } from '@streamswap/protocol';
import type { Address } from 'viem';
import { linearFromWire, type LinearValue } from '../lib/ticking.js';
import { useInspect } from './useInspect.js';

export interface LiveBalance {
  view: BalanceView;
  balance: LinearValue;
  available: LinearValue;
}

/** In-app balances of an account, each with the linear model that lets it tick between reads. */
export function useBalances(account: Address | undefined) {
  const query = useInspect(account ? `balances/${account}` : null, balancesViewSchema);
  const map = new Map<string, LiveBalance>();
  for (const b of query.data?.balances ?? []) {
    map.set(b.token, {
      view: b,
      balance: linearFromWire(b.balance, b.at, b.rateX64, b.validUntil),
      available: linearFromWire(b.available, b.at, b.availableRateX64, b.validUntil),
    });
  }
  return { map, query };
}
