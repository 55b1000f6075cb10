import { useEffect, useState } from 'react';
import { apiRequest } from '../lib/api.ts';

// Names by account id for this page load; explain lists name customers by id only.
const names = new Map<string, string | null>();
const pending = new Map<string, Promise<void>>();
const PARALLEL = 6;

function loadName(id: string): Promise<void> {
  const existing = pending.get(id);
  if (existing) return existing;
  const request = apiRequest<{ name: string }>('GET', `/accounts/${encodeURIComponent(id)}`)
    .then((account) => void names.set(id, account.name))
    .catch(() => void names.set(id, null)); // not visible to this role, or gone: the id is shown instead
  pending.set(id, request);
  return request;
}

/** Account names for the ids on screen (a page of an explain list, not all of it), a few requests at a time. */
export function useAccountNames(ids: readonly string[]): ReadonlyMap<string, string | null> {
  const [, setVersion] = useState(0);
  const key = ids.join(',');
  useEffect(() => {
    let active = true;
    const missing = [...new Set(ids)].filter((id) => !names.has(id));
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
