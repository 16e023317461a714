import { useSyncExternalStore } from 'react';
import { activityStore, type ActivityItem } from './activityStore.js';

export function useActivity(account: string | undefined): ActivityItem[] {
  const all = useSyncExternalStore(activityStore.subscribe, activityStore.all);
  return account ? all.filter((i) => i.account.toLowerCase() === account.toLowerCase()) : [];
}
