import { parseAbi } from 'viem';

/**
 * The application's input interface: every advance input that is not a portal deposit is the
 * ABI-encoded call of one of these functions (selector + arguments), sent through the InputBox.
 * Web, back-end, node and tests all encode and decode with this one ABI.
 */
export const dappAbi = parseAbi([
  'function transfer(address token, address to, uint256 amount)',
  'function stream(address token, address to, uint256 amount, uint64 start, uint64 duration)',
  'function cancelStream(uint256 streamId)',
  'function withdraw(address token, uint256 amount)',
  'function addLiquidity(address tokenA, address tokenB, uint256 amountADesired, uint256 amountBDesired, uint256 amountAMin, uint256 amountBMin)',
  'function removeLiquidity(address tokenA, address tokenB, uint256 liquidity, uint256 amountAMin, uint256 amountBMin)',
  'function swap(address tokenIn, address tokenOut, uint256 amountIn, uint256 amountOutMin, uint64 start, uint64 duration)',
  'function swapWithLimit(address tokenIn, address tokenOut, uint256 amountIn, uint256 amountOutMin, uint64 start, uint64 duration, uint256 minAveragePriceX64)',
  'function cancelSwap(uint256 orderId)',
]);

export type DappAbi = typeof dappAbi;
export type DappFunctionName = DappAbi[number]['name'];
