import { useCallback, useMemo } from 'react';
import { navigate, useLocation } from '../lib/router.tsx';

export type Filters = Record<string, string>;

/**
 * Filters live in the URL query, so a reload, a shared link and a saved view all reproduce the
 * page. Only the given keys are read; an empty value removes the key.
 */
export function useUrlFilters(keys: readonly string[]): { filters: Filters; setFilters(next: Filters): void; replaceAll(next: Filters): void } {
  const { pathname, search } = useLocation();
  const text = search.toString();
  const filters = useMemo(() => {
    const params = new URLSearchParams(text);
    const result: Filters = {};
    for (const key of keys) {
      const value = params.get(key);
      if (value !== null && value !== '') result[key] = value;
    }
    return result;
  }, [text, keys]);

  const replaceAll = useCallback(
    (next: Filters) => {
      const params = new URLSearchParams();
      for (const key of keys) {
        const value = next[key];
        if (value !== undefined && value !== '') params.set(key, value);
      }
      const query = params.toString();
      navigate(query === '' ? pathname : `${pathname}?${query}`, { replace: true });
    },
    [keys, pathname],
  );
  const setFilters = useCallback((next: Filters) => replaceAll({ ...filters, ...next }), [filters, replaceAll]);
  return { filters, setFilters, replaceAll };
}
