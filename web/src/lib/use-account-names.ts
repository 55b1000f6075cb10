import { useEffect, useState } from 'react';
import { apiRequest } from './api.ts';

// Names by account id for this page load, shared by every page that lists records carrying only an
// account id (invoices, payments, subscriptions, explain lists). null: not visible to this role, or gone.
const names = new Map<string, string | null>();
const pending = new Map<string, Promise<void>>();
const PARALLEL = 6;

function loadName(id: string): Promise<void> {
  const existing = pending.get(id);
  if (existing) return existing;
  const request = apiRequest<{ name: string }>('GET', `/accounts/${encodeURIComponent(id)}`)
    .then((account) => void names.set(id, account.name))
    .catch(() => void names.set(id, null));
  pending.set(id, request);
  return request;
}

/**
 * Account names for the ids on screen (only the rows loaded so far), each id asked for once per
 * page load, a few requests at a time. The map fills in as answers arrive: a missing id is still
 * loading, null means the name could not be read.
 */
export function useAccountNames(ids: readonly string[]): ReadonlyMap<string, string | null> {
  const [, setVersion] = useState(0);
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let active = true;
    const missing = key === '' ? [] : key.split(',').filter((id) => !names.has(id));
    void (async () => {
      for (let index = 0; index < missing.length && active; index += PARALLEL) {
        await Promise.all(missing.slice(index, index + PARALLEL).map(loadName));
        if (active) setVersion((version) => version + 1);
      }
    })();
    return () => {
      active = false;
    };
  }, [key]);
  return names;
}
