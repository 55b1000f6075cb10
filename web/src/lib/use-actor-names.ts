import { useEffect, useState } from 'react';
import { apiRequest } from './api.ts';

// Names by user or API key id for this page load (GET /actors), shared by every page that shows who
// did something: audit entries, journal entries, ledger periods. null: no such user or key.
const names = new Map<string, string | null>();
const BATCH = 100; // the API's limit per request

async function loadNames(ids: readonly string[]): Promise<void> {
  try {
    const answer = await apiRequest<{ data: Array<{ id: string; name: string }> }>('GET', `/actors?ids=${ids.map(encodeURIComponent).join(',')}`);
    for (const id of ids) names.set(id, null);
    for (const actor of answer.data) names.set(actor.id, actor.name);
  } catch {
    // Left unresolved: the id stays on screen, and the next page that needs it asks again.
  }
}

/**
 * Display names for the actor ids on screen, asked for in batches once per page load. A missing id is
 * still loading (or could not be read); null means there is no such user or key.
 */
export function useActorNames(ids: ReadonlyArray<string | null | undefined>): ReadonlyMap<string, string | null> {
  const [, setVersion] = useState(0);
  const key = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))].sort().join(',');
  useEffect(() => {
    let active = true;
    const missing = key === '' ? [] : key.split(',').filter((id) => !names.has(id));
    if (missing.length === 0) return undefined;
    void (async () => {
      for (let index = 0; index < missing.length && active; index += BATCH) await loadNames(missing.slice(index, index + BATCH));
      if (active) setVersion((version) => version + 1);
    })();
    return () => {
      active = false;
    };
  }, [key]);
  return names;
}

/** A person's name for an id, or the id itself while unknown. */
export function actorName(id: string, known: ReadonlyMap<string, string | null>): string {
  return known.get(id) ?? id;
}
