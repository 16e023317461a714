export * from './fixedPoint.js';
export * from './uniswapV2.js';
export * from './twammSegment.js';
export * from './quotes.js';
export * from './virtualOrders.js';
export * from './orderWindow.js';
