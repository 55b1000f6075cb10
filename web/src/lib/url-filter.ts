import { useEffect, useState } from 'react';
import { navigate } from './router.tsx';
import { useDebounced } from './use-debounced.ts';

/**
 * Puts one filter of a list page into the URL (replacing the history entry): a value among
 * `emptyValues` ('' and 'all' unless told) removes it, so the URL names only what is filtered.
 * Reads the URL as it is now, so two filters set one after another both stay.
 */
export function setUrlFilter(path: string, key: string, value: string, emptyValues: readonly string[] = ['', 'all']): void {
  const next = new URLSearchParams(window.location.search);
  if (emptyValues.includes(value)) next.delete(key);
  else next.set(key, value);
  navigate(`${path}${next.toString() !== '' ? `?${next.toString()}` : ''}`, { replace: true });
}

const SEARCH_DELAY_MS = 300;

/**
 * A list's search box held in the URL under `key`: typed into here, it reaches the URL (and the
 * server) once typing pauses; the URL's own changes do not loop back into the box.
 */
export function useUrlSearchBox(path: string, key: string, current: string): [string, (text: string) => void] {
  const [text, setText] = useState(current);
  const settled = useDebounced(text.trim(), SEARCH_DELAY_MS);
  useEffect(() => {
    if (settled !== current) setUrlFilter(path, key, settled);
    // Only a settled change of the box moves the URL.
  }, [settled]);
  return [text, setText];
}
