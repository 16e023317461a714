/**
 * A broken invariant of the back-end: a state the code believes impossible (a negative amount about to be stored,
 * a missing accumulator snapshot, an input index going backwards). It is the one class for "our bug, not the
 * user's": the input is rolled back whole and answered INTERNAL_ERROR like any unexpected throw, and the rollup
 * loop logs it loudly with the input index (rollup/handleRequest.ts). It deliberately does not extend AppError,
 * so no code that handles business rejections can swallow it.
 */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
}
