import { useEffect, useState } from 'react';
import { apiRequest } from '../lib/api.ts';

// Names of accounts already fetched, shared by every billing page of this tab.
const names = new Map<string, string>();
const pending = new Map<string, Promise<void>>();

function fetchName(accountId: string): Promise<void> {
  let request = pending.get(accountId);
  if (!request) {
    request = apiRequest<{ name: string }>('GET', `/accounts/${encodeURIComponent(accountId)}`).then(
      (account) => void names.set(accountId, account.name),
      () => void names.set(accountId, accountId),
    );
    pending.set(accountId, request);
  }
  return request;
}

/**
 * Customer names for the account ids on screen (invoices and payments carry only the id). Only the
 * rows loaded so far are asked for, each id once per tab, so a long list costs a request per customer seen.
 */
export function useAccountNames(accountIds: readonly string[]): (accountId: string) => string {
  const [, setVersion] = useState(0);
  const key = [...new Set(accountIds)].sort().join(',');
  useEffect(() => {
    let alive = true;
    const missing = key === '' ? [] : key.split(',').filter((id) => !names.has(id));
    if (missing.length === 0) return undefined;
    void Promise.all(missing.map(fetchName)).then(() => {
      if (alive) setVersion((value) => value + 1);
    });
    return () => {
      alive = false;
    };
  }, [key]);
  return (accountId) => names.get(accountId) ?? '…';
}
