import type { InputStage } from '../lib/inputLifecycle.js';

/** One write the user made from this browser, with where it is in its lifecycle. */
export interface ActivityItem {
  key: string;
  account: string;
  label: string;
  createdAt: number;
  stage: InputStage;
  /** a plain L1 transaction (approve, mint, execute) that never becomes an input */
  l1Only?: boolean;
  error?: string;
}

const STORAGE_KEY = 'streamswap.activity.v1';
const MAX_ITEMS = 200;

/** JSON with bigint: stored as {"$n":"123"}. */
function replacer(_key: string, value: unknown) {
  return typeof value === 'bigint' ? { $n: value.toString() } : value;
}
function reviver(_key: string, value: unknown) {
  if (value && typeof value === 'object' && '$n' in value && typeof (value as { $n: unknown }).$n === 'string') return BigInt((value as { $n: string }).$n);
  return value;
}

function load(): ActivityItem[] {
  try {
    const text = globalThis.localStorage?.getItem(STORAGE_KEY);
    return text ? (JSON.parse(text, reviver) as ActivityItem[]) : [];
  } catch {
    return [];
  }
}

let items: ActivityItem[] = load();
const listeners = new Set<() => void>();

function save() {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(items.slice(0, MAX_ITEMS), replacer));
  } catch {
    // storage full or disabled: activity still works for this session
  }
  for (const l of listeners) l();
}

export const activityStore = {
  all: () => items,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  add(item: ActivityItem) {
    items = [item, ...items];
    save();
  },
  update(key: string, patch: Partial<ActivityItem>) {
    items = items.map((i) => (i.key === key ? { ...i, ...patch } : i));
    save();
  },
};
