import type { TFunction } from 'i18next';
import { ApiError } from '../lib/api.ts';
import { summarizeError, type ErrorSummary } from '../lib/problem.ts';

export const QUERY_FIELDS = ['from', 'to', 'interval', 'segment', 'currency', 'asOf'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];
export type QueryProblem = { fields: Partial<Record<QueryField, string>>; banner: ErrorSummary };

/** A failed report: `querystring.<name>` errors go next to the picker they concern, the rest to a banner. */
export function toQueryProblem(error: unknown, t: TFunction): QueryProblem {
  const fields: QueryProblem['fields'] = {};
  if (error instanceof ApiError) {
    for (const fieldError of error.problem.errors ?? []) {
      const name = /^querystring\.(\w+)/.exec(fieldError.field)?.[1];
      if (name !== undefined && (QUERY_FIELDS as readonly string[]).includes(name)) fields[name as QueryField] ??= fieldError.message;
    }
  }
  return { fields, banner: summarizeError(error, t) };
}
