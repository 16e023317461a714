/**
 * A small stand-in for the `vitest` module, so the back-end's unit tests run unchanged on a plain Node
 * under riscv64 emulation, where vitest itself (vite, worker pools, native bundler bindings) is too
 * heavy. The test files are bundled on the host with `vitest` aliased to this file; `expect` is
 * vitest's own (@vitest/expect on chai), spies are vitest's own (@vitest/spy). Only the runner is ours:
 * describe/it/test with skip/only/todo/each, the four hooks, and a sequential run that reports every test.
 */
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  ChaiStyleAssertions,
  GLOBAL_EXPECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  chai,
  customMatchers,
  getState,
  setState,
} from '@vitest/expect';
import { clearAllMocks, fn, isMockFunction, resetAllMocks, restoreAllMocks, spyOn } from '@vitest/spy';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(ChaiStyleAssertions);
chai.use(JestAsymmetricMatchers);

type AnyFn = (...args: any[]) => any;

function createExpect() {
  const expect = ((value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect as never) as { assertionCalls: number };
    setState({ assertionCalls: assertionCalls + 1 }, expect as never);
    return chai.expect(value, message);
  }) as any;
  Object.assign(expect, chai.expect);
  Object.assign(expect, (globalThis as any)[ASYMMETRIC_MATCHERS_OBJECT]);
  expect.getState = () => getState(expect);
  expect.setState = (state: object) => setState(state, expect);
  setState(
    { assertionCalls: 0, isExpectingAssertions: false, isExpectingAssertionsError: null, expectedAssertionsNumber: null,
      expectedAssertionsNumberErrorGen: null, currentTestName: '' },
    expect,
  );
  expect.assert = chai.assert;
  expect.extend = (matchers: object) => (chai.expect as any).extend(expect, matchers);
  expect.soft = (...args: unknown[]) => expect(...args);
  expect.unreachable = (message?: string) => chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);
  expect.assertions = (n: number) => expect.setState({ expectedAssertionsNumber: n });
  expect.hasAssertions = () => expect.setState({ isExpectingAssertions: true });
  expect.extend(customMatchers);
  return expect;
}

export const expect = createExpect();
Object.defineProperty(globalThis, GLOBAL_EXPECT, { value: expect, writable: true, configurable: true });
export const assert = chai.assert;

export const vi = {
  fn,
  spyOn,
  isMockFunction,
  clearAllMocks,
  resetAllMocks,
  restoreAllMocks,
  mocked: <T>(value: T) => value,
};

// ---------------------------------------------------------------------------------------------------
// Collection

export interface ShimTest { kind: 'test'; name: string; fn?: AnyFn; mode: 'run' | 'skip' | 'only' | 'todo' }
export interface ShimSuite {
  kind: 'suite'; name: string; mode: 'run' | 'skip' | 'only'; children: (ShimSuite | ShimTest)[];
  beforeAll: AnyFn[]; afterAll: AnyFn[]; beforeEach: AnyFn[]; afterEach: AnyFn[];
}

const newSuite = (name: string, mode: ShimSuite['mode']): ShimSuite =>
  ({ kind: 'suite', name, mode, children: [], beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] });

// One registry for every test file of the bundle (they share this chunk); the runner takes it per file.
const state = ((globalThis as any).__streamswapShim ??= { root: newSuite('', 'run'), current: null }) as
  { root: ShimSuite; current: ShimSuite | null };

export function takeCollectedSuite(): ShimSuite {
  const root = state.root;
  state.root = newSuite('', 'run');
  state.current = null;
  return root;
}

const current = () => state.current ?? state.root;

/** it/test/describe accept (name, fn), (name, fn, timeout) and (name, options, fn). */
function pickFn(a?: unknown, b?: unknown): AnyFn | undefined {
  if (typeof a === 'function') return a as AnyFn;
  if (typeof b === 'function') return b as AnyFn;
  return undefined;
}

function formatName(template: string, args: unknown[], index: number): string {
  let i = 0;
  let name = template.replace(/%[sdifjoO#%]/g, (m) => {
    if (m === '%%') return '%';
    if (m === '%#') return String(index);
    const v = args[i++];
    return typeof v === 'bigint' ? `${v}n` : typeof v === 'object' ? JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x)) : String(v);
  });
  const first = args[0];
  if (first && typeof first === 'object' && !Array.isArray(first)) {
    name = name.replace(/\$([A-Za-z_][\w]*)/g, (m, key: string) => (key in first ? String((first as any)[key]) : m));
  }
  return name;
}

function eachOf(register: (name: string, fn: AnyFn) => void) {
  return (cases: readonly unknown[]) => (name: string, a?: unknown, b?: unknown) => {
    const body = pickFn(a, b)!;
    cases.forEach((c, index) => {
      const args = Array.isArray(c) ? c : [c];
      register(formatName(name, args, index), () => body(...args));
    });
  };
}

function makeTest(mode: ShimTest['mode']) {
  return (name: string, a?: unknown, b?: unknown) => {
    const body = pickFn(a, b);
    current().children.push({ kind: 'test', name, fn: body, mode: body ? mode : 'todo' });
  };
}

function makeDescribe(mode: ShimSuite['mode']) {
  return (name: string, a?: unknown, b?: unknown) => {
    const suite = newSuite(name, mode);
    const parent = current();
    parent.children.push(suite);
    state.current = suite;
    try {
      pickFn(a, b)?.();
    } finally {
      state.current = parent === state.root ? null : parent;
    }
  };
}

type TestApi = ReturnType<typeof makeTest> & {
  skip: ReturnType<typeof makeTest>; only: ReturnType<typeof makeTest>; todo: (name: string) => void;
  concurrent: ReturnType<typeof makeTest>; sequential: ReturnType<typeof makeTest>;
  each: ReturnType<typeof eachOf>; skipIf: (c: unknown) => ReturnType<typeof makeTest>; runIf: (c: unknown) => ReturnType<typeof makeTest>;
};

function buildTestApi(): TestApi {
  const api = makeTest('run') as TestApi;
  api.skip = makeTest('skip');
  api.only = makeTest('only');
  api.todo = (name: string) => makeTest('todo')(name);
  api.concurrent = makeTest('run');
  api.sequential = makeTest('run');
  api.each = eachOf((name, body) => makeTest('run')(name, body));
  api.skipIf = (c) => (c ? makeTest('skip') : makeTest('run'));
  api.runIf = (c) => (c ? makeTest('run') : makeTest('skip'));
  return api;
}

export const it = buildTestApi();
export const test = it;

type DescribeApi = ReturnType<typeof makeDescribe> & {
  skip: ReturnType<typeof makeDescribe>; only: ReturnType<typeof makeDescribe>; concurrent: ReturnType<typeof makeDescribe>;
  sequential: ReturnType<typeof makeDescribe>; each: ReturnType<typeof eachOf>;
  skipIf: (c: unknown) => ReturnType<typeof makeDescribe>; runIf: (c: unknown) => ReturnType<typeof makeDescribe>;
};
export const describe = makeDescribe('run') as DescribeApi;
describe.skip = makeDescribe('skip');
describe.only = makeDescribe('only');
describe.concurrent = makeDescribe('run');
describe.sequential = makeDescribe('run');
describe.each = eachOf((name, body) => makeDescribe('run')(name, body));
describe.skipIf = (c) => (c ? makeDescribe('skip') : makeDescribe('run'));
describe.runIf = (c) => (c ? makeDescribe('run') : makeDescribe('skip'));
export const suite = describe;

export const beforeAll = (f: AnyFn) => void current().beforeAll.push(f);
export const afterAll = (f: AnyFn) => void current().afterAll.push(f);
export const beforeEach = (f: AnyFn) => void current().beforeEach.push(f);
export const afterEach = (f: AnyFn) => void current().afterEach.push(f);
