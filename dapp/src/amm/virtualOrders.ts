import { advance, type AdvanceHooks, netSoldOf, poolUnitsToWei, type ScheduleRow, type ScheduleSource } from '@streamswap/protocol';
import type { PairState } from './PairStore.js';


/**
 * Execution of a pair's virtual orders in memory: the walk itself is protocol's TWAMM engine (`advance`, shared
 * with the streamed-order estimate); this adds the pair's own bookkeeping around it. Writing snapshots and
 * checking limit orders are the caller's business (hooks), so the same code serves execution (writes) and
 * projection (reads).
 */

/**
 * Books the flows sold since `sold` (the sides' cumulative flows before): unsold input falls by the flow, the
 * fee (flow minus its net) goes to the fee bucket, whole wei streamed go to the history counter. Each is a sum
 * over the segments that telescopes, so it is done once per walk instead of once per segment.
 */
function settleFlows(s: PairState, sold: [bigint, bigint], net: [bigint, bigint]): void {
  for (const d of [0, 1] as const) {
    const side = s.sides[d];
    const flow = side.sold - sold[d];
    if (flow === 0n) continue;
    const fee = flow - (netSoldOf(side) - net[d]);
    side.unsold -= flow;
    if (d === 0) s.fee0 += fee;
    else s.fee1 += fee;
    s.streamed[d] += poolUnitsToWei(side.sold) - poolUnitsToWei(sold[d]);
  }
}

/**
 * Executes the virtual orders of one pair from s.lastT up to t (no-op if t <= s.lastT) with protocol's engine;
 * counts the orders ending at each point crossed (`open`), moves their dust to the fees, and books the flows once
 * at the end.
 */
export function executeVirtualOrders(s: PairState, t: bigint, src: ScheduleSource, hooks: AdvanceHooks<PairState> = {}): void {
  if (t <= s.lastT) return;
  // hooks may change rates, `unsold` and fees (closing orders) but never read `unsold` or fees: booking the
  // flows once at the end gives the same figures
  const [a, b] = s.sides;
  const sold: [bigint, bigint] = [a.sold, b.sold];
  const net: [bigint, bigint] = [netSoldOf(a), netSoldOf(b)];
  const onPoint = hooks.onPoint;
  advance(s, t, src, {
    onPoint: (st, rows, from, to) => {
      onPoint?.(st, rows, from, to);
      for (let i = from; i < to; i++) {
        const row = rows[i] as ScheduleRow;
        if (row.ends !== 0) st.sides[row.dir].open -= row.ends;
        // the sub-wei input the ending orders' rates could not sell joins the fees of the token they sold
        if (row.dust !== undefined) {
          st.sides[row.dir].unsold -= row.dust;
          if (row.dir === 0) st.fee0 += row.dust;
          else st.fee1 += row.dust;
        }
      }
    },
    ...(hooks.onCheck === undefined ? {} : { onCheck: hooks.onCheck }),
  });
  settleFlows(s, sold, net);
}
