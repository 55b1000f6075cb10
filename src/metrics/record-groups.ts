import { AppError } from '../shared/errors.ts';
import type { Explain, SeriesPoint } from './metric-types.ts';
import { periodIndexOfDate, type Period } from './periods.ts';
import { explainSettings, type ReportRequest } from './report-request.ts';
import type { Breakdown } from './slices.ts';

/** Records of one period and breakdown value (undefined: no breakdown; null: not set on the record). */
export type RecordGroup<T> = { period: Period; p: number; segment: string | null | undefined; records: T[] };
export type AccountAttributes = { segment: string | null; country: string | null; industry: string | null };
/** An opportunity's (or a stay's) account attributes and its owner. */
export type OwnedAttributes = AccountAttributes & { ownerUserId: string | null };

/**
 * Buckets records by the period their date falls in, × every breakdown value seen, so each series is
 * continuous (a period without records is an empty group, not a missing point). Records whose date
 * is null or outside the periods are dropped.
 */
export function groupRecords<T>(records: readonly T[], request: ReportRequest, dateOf: (record: T) => string | null, valueOf: (record: T) => string | null | undefined): RecordGroup<T>[] {
  const values = [...new Set(records.map(valueOf))].sort((a, b) => ((a ?? '\uffff') < (b ?? '\uffff') ? -1 : (a ?? '\uffff') > (b ?? '\uffff') ? 1 : 0));
  const groups = request.periods.flatMap((period, p) => values.map((segment): RecordGroup<T> => ({ period, p, segment, records: [] })));
  for (const record of records) {
    const date = dateOf(record);
    if (date === null) continue;
    const p = periodIndexOfDate(request.periods, date);
    if (p < 0) continue;
    groups[p * values.length + values.indexOf(valueOf(record))]?.records.push(record);
  }
  if (values.length === 0) return request.periods.map((period, p) => ({ period, p, segment: undefined, records: [] }));
  return groups;
}

/** The breakdown value of an account-owned record, refusing breakdowns the metric's records do not have. */
export function accountBreakdown<T extends AccountAttributes>(request: ReportRequest, metric: string): (record: T) => string | null | undefined {
  const breakdown = allowedBreakdown(request, metric, ['segment', 'country', 'industry']);
  return (record) => (breakdown === null ? undefined : record[breakdown as keyof AccountAttributes]);
}

/** The breakdown value of an owned opportunity record: an account attribute or its owner (user id; null: none). */
export function ownedBreakdown<T extends OwnedAttributes>(request: ReportRequest, metric: string): (record: T) => string | null | undefined {
  const breakdown = allowedBreakdown(request, metric, ['segment', 'country', 'industry', 'owner']);
  if (breakdown === 'owner') return (record) => record.ownerUserId;
  return (record) => (breakdown === null ? undefined : record[breakdown as keyof AccountAttributes]);
}

/** The request's breakdown when the metric supports it; a 422 naming the allowed ones otherwise. */
export function allowedBreakdown(request: ReportRequest, metric: string, allowed: readonly Breakdown[]): Breakdown | null {
  if (request.breakdown === null || allowed.includes(request.breakdown)) return request.breakdown;
  throw new AppError('validation_failed', `querystring.segment: ${metric} can be broken down by ${allowed.join(', ')} only`, {
    fieldErrors: [{ field: 'querystring.segment', message: `${metric} can be broken down by ${allowed.join(', ')} only` }],
  });
}

/** The point's period and breakdown fields. */
export function pointBase(group: { period: Period; segment: string | null | undefined }): Pick<SeriesPoint, 'period' | 'segment'> {
  return { period: group.period.key, ...(group.segment === undefined ? {} : { segment: group.segment }) };
}

/**
 * explain=true: `{ explain }` for a point; otherwise nothing. The block may be given as a function,
 * called only when explain is asked for (its contributions are not built for a plain report).
 */
export function explainOf(request: ReportRequest, period: Period, explain: Omit<Explain, 'settings'> | (() => Omit<Explain, 'settings'>), extra: Record<string, string | number | boolean | null> = {}): { explain?: Explain } {
  if (!request.explain) return {};
  return { explain: { ...(typeof explain === 'function' ? explain() : explain), settings: explainSettings(request, period, extra) } };
}
