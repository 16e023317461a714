import type { Notice } from '@streamswap/protocol';
import { formatAmount, formatDuration, shortAddress } from './format.js';
import type { TokenLookup } from './rejectionWords.js';

/** Tokens a notice does not name itself (a cancel names ids only): read from the stream or order. */
export interface OutcomeTokens {
  /** the stream's token, or the order's sold token */
  token?: `0x${string}` | undefined;
  /** the order's bought token */
  tokenOut?: `0x${string}` | undefined;
}

/**
 * What an accepted input did, in one sentence from the app's notice, amounts formatted with their
 * symbols: "Swapped 50 tCTSI for 107.17 tUSD." Null when the notice needs a token we do not know.
 */
export function outcomeFromNotice(notice: Notice, token: TokenLookup, extra: OutcomeTokens = {}): string | null {
  const amount = (v: string, address: `0x${string}`) => {
    const t = token(address);
    return `${formatAmount(BigInt(v), t.decimals)} ${t.symbol}`;
  };
  switch (notice.kind) {
    case 'deposited':
      return `Deposited ${amount(notice.amount, notice.token)} into the app.`;
    case 'transferred':
      return `Sent ${amount(notice.amount, notice.token)} to ${shortAddress(notice.to)}.`;
    case 'streamOpened':
      return `Stream #${notice.streamId} opened: ${amount(notice.amount, notice.token)} to ${shortAddress(notice.receiver)} over ${formatDuration(BigInt(notice.duration))}.`;
    case 'streamCanceled':
      if (!extra.token) return null;
      return `Stream #${notice.streamId} canceled: the receiver keeps ${amount(notice.streamed, extra.token)}, ${amount(notice.refunded, extra.token)} came back to you.`;
    case 'withdrawn':
      return `Withdrawal of ${amount(notice.amount, notice.token)} requested: execute its voucher in Activity once the epoch is proven.`;
    case 'liquidityAdded':
      return `Added ${amount(notice.amountA, notice.tokenA)} and ${amount(notice.amountB, notice.tokenB)} to the pool.`;
    case 'liquidityRemoved':
      return `Removed liquidity: received ${amount(notice.amountA, notice.tokenA)} and ${amount(notice.amountB, notice.tokenB)}.`;
    case 'swapped':
      return `Swapped ${amount(notice.amountIn, notice.tokenIn)} for ${amount(notice.amountOut, notice.tokenOut)}.`;
    case 'orderPlaced':
      return `DCA order #${notice.orderId} placed: ${amount(notice.amountIn, notice.tokenIn)} into ${token(notice.tokenOut).symbol} over ${formatDuration(BigInt(notice.duration))}.`;
    case 'orderCanceled':
      if (!extra.token || !extra.tokenOut) return null;
      return `DCA order #${notice.orderId} canceled: ${amount(notice.refunded, extra.token)} refunded, ${amount(notice.proceeds, extra.tokenOut)} bought.`;
  }
}
