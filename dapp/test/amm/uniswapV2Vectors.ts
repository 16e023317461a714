const E18 = 10n ** 18n;

/**
 * Uniswap V2's getInputPrice cases (UniswapV2Pair.spec.ts): [swapAmount, reserveIn, reserveOut, expectedOutput],
 * amounts x 1e18. The math tests check them on the pure functions, the AMM tests through a pool.
 */
export const GET_INPUT_PRICE_CASES: readonly (readonly [bigint, bigint, bigint, bigint])[] = [
  [1n * E18, 5n * E18, 10n * E18, 1662497915624478906n],
  [1n * E18, 10n * E18, 5n * E18, 453305446940074565n],
  [2n * E18, 5n * E18, 10n * E18, 2851015155847869602n],
  [2n * E18, 10n * E18, 5n * E18, 831248957812239453n],
  [1n * E18, 10n * E18, 10n * E18, 906610893880149131n],
  [1n * E18, 100n * E18, 100n * E18, 987158034397061298n],
  [1n * E18, 1000n * E18, 1000n * E18, 996006981039903216n],
];
