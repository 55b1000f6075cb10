import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import i18next from 'i18next';
import { apiRequest, ApiError, type Problem } from './api.ts';
import { buildPageUrl, type PagedListQuery } from './page-url.ts';

export type { PagedListQuery } from './page-url.ts';

export type Page<T> = { data: T[]; nextCursor: string | null };

export type PagedList<T> = {
  /** Every row loaded so far, pages appended in order. */
  rows: T[];
  /** A page is being fetched (the first or a further one). */
  loading: boolean;
  /** The last failed fetch as problem+json; cleared by the next successful one. */
  problem: Problem | null;
  /** The server has another page (nextCursor was not null). */
  hasMore: boolean;
  /** Fetches the next page; does nothing while loading or at the end. */
  loadMore(): void;
  /** Drops the rows and fetches the first page again (after a write, or to retry). */
  reload(): void;
  /** After a failure: fetches the page that failed again (a further page keeps the rows loaded so far). */
  retry(): void;
};

function toProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return { title: i18next.t('errors.unexpectedTitle'), status: 0, detail: error instanceof Error ? error.message : String(error) };
}

type State<T> = { key: string; rows: T[]; nextCursor: string | null; done: boolean; loading: boolean; problem: Problem | null };

/**
 * Keyset-paginated list over a `{ data, nextCursor }` endpoint: fetches the
 * first page, appends further pages on demand (DataTable calls loadMore when
 * the user scrolls near the end), and starts over when path or query change.
 * Answers to a superseded request are dropped, so a fast typist never sees the
 * rows of an older search.
 */
export function usePagedList<T>(path: string, query: PagedListQuery = {}): PagedList<T> {
  const firstUrl = buildPageUrl(path, query, null);
  // The query object is usually built inline; its URL is the stable identity.
  const stableQuery = useMemo(() => query, [firstUrl]);
  const [generation, setGeneration] = useState(0);
  const key = `${generation}|${firstUrl}`;
  const [state, setState] = useState<State<T>>({ key, rows: [], nextCursor: null, done: false, loading: true, problem: null });
  const requestId = useRef(0);

  const fetchPage = useCallback(
    (cursor: string | null, append: boolean) => {
      const id = ++requestId.current;
      setState((previous) => ({
        key,
        rows: append && previous.key === key ? previous.rows : [],
        nextCursor: append && previous.key === key ? previous.nextCursor : null,
        done: append && previous.key === key ? previous.done : false,
        loading: true,
        problem: null,
      }));
      apiRequest<Page<T>>('GET', buildPageUrl(path, stableQuery, cursor)).then(
        (page) => {
          if (id !== requestId.current) return;
          setState((previous) => ({
            key,
            rows: append && previous.key === key ? [...previous.rows, ...page.data] : page.data,
            nextCursor: page.nextCursor,
            done: page.nextCursor === null,
            loading: false,
            problem: null,
          }));
        },
        (error: unknown) => {
          if (id !== requestId.current) return;
          setState((previous) => ({ ...previous, key, loading: false, problem: toProblem(error) }));
        },
      );
    },
    [key, path, stableQuery],
  );

  useEffect(() => {
    fetchPage(null, false);
    return () => {
      // Drop the answer of a request for a query that is no longer shown.
      requestId.current += 1;
    };
  }, [fetchPage]);

  const current = state.key === key ? state : { key, rows: [] as T[], nextCursor: null, done: false, loading: true, problem: null };
  const hasMore = !current.done && current.nextCursor !== null;

  const loadMore = useCallback(() => {
    if (current.loading || current.nextCursor === null || current.done) return;
    fetchPage(current.nextCursor, true);
  }, [current.loading, current.nextCursor, current.done, fetchPage]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  const retry = useCallback(() => {
    if (current.rows.length > 0 && current.nextCursor !== null) fetchPage(current.nextCursor, true);
    else setGeneration((value) => value + 1);
  }, [current.rows.length, current.nextCursor, fetchPage]);

  return { rows: current.rows, loading: current.loading, problem: current.problem, hasMore, loadMore, reload, retry };
}
