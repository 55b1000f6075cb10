import { useCallback, useEffect, useState } from 'react';
import { apiRequest, ApiError, type Problem } from '../lib/api.ts';

export type Resource<T> = { data: T | null; problem: Problem | null; loading: boolean; reload(): void };

/** One GET, refetched when the path changes or on reload(); a superseded answer is dropped. */
export function useResource<T>(path: string | null): Resource<T> {
  const [state, setState] = useState<{ data: T | null; problem: Problem | null; loading: boolean }>({ data: null, problem: null, loading: path !== null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (path === null) return undefined;
    let alive = true;
    setState((previous) => ({ ...previous, loading: true }));
    apiRequest<T>('GET', path).then(
      (data) => alive && setState({ data, problem: null, loading: false }),
      (error: unknown) => alive && setState({ data: null, problem: error instanceof ApiError ? error.problem : { title: String(error), status: 0 }, loading: false }),
    );
    return () => {
      alive = false;
    };
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}
