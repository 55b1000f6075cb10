import type { TFunction } from 'i18next';
import { toQueryProblem as placeQueryErrors } from '../lib/problem.ts';
import type { ErrorSummary } from '../lib/problem.ts';

export const QUERY_FIELDS = ['from', 'to', 'interval', 'segment', 'currency', 'asOf'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];
export type QueryProblem = { fields: Partial<Record<QueryField, string>>; banner: ErrorSummary };

/**
 * A failed report: `querystring.<name>` errors go next to the picker they concern, in the reader's
 * language with their format or limit (lib/problem.ts toQueryProblem), the rest to a banner.
 */
export function toQueryProblem(error: unknown, t: TFunction): QueryProblem {
  const { fields, banner } = placeQueryErrors(error, QUERY_FIELDS, t);
  return { fields, banner: banner ?? { title: t('errors.unexpectedTitle'), detail: null } };
}
