import { useEffect, useState } from 'react';
import { apiRequest } from '../lib/api.ts';
import type { ImportRun } from './data-types.ts';

const POLL_INTERVAL_MS = 500;

/** One import run, fetched again every half second while it runs (its progress), then left alone. */
export function useImportRun(runId: string): { run: ImportRun | null; error: unknown } {
  const [state, setState] = useState<{ runId: string; run: ImportRun | null; error: unknown }>({ runId, run: null, error: null });
  useEffect(() => {
    let active = true;
    let timer: number | undefined;
    const poll = () => {
      apiRequest<ImportRun>('GET', `/imports/${encodeURIComponent(runId)}`).then(
        (run) => {
          if (!active) return;
          setState({ runId, run, error: null });
          if (run.status === 'running') timer = window.setTimeout(poll, POLL_INTERVAL_MS);
        },
        (error: unknown) => active && setState((previous) => ({ ...previous, runId, error })),
      );
    };
    poll();
    return () => {
      active = false;
      window.clearTimeout(timer);
    };
  }, [runId]);
  return state.runId === runId ? { run: state.run, error: state.error } : { run: null, error: null };
}
