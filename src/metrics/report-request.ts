import { z } from 'zod';
import type { OwnerScope } from '../crm/index.ts';
import { AppError } from '../shared/errors.ts';
import { INTERVALS, planPeriods, type Interval, type Period } from './periods.ts';
import { BREAKDOWNS, type Breakdown } from './slices.ts';
import { currencyCodeFormat, monthFormat } from '../shared/validation/field-schemas.ts';
import { toFieldError } from '../shared/validation/issue-params.ts';

const monthSchema = z.string().check(monthFormat('expected a month as YYYY-MM'));
const booleanText = z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).transform((value) => value === true || value === 'true' || value === '1');

/** GET /metrics/:name query, and the CLI's options in the same names. Strict: a misspelt option must fail. */
export const metricQuerySchema = z.strictObject({
  from: monthSchema.describe('First month of the report, YYYY-MM'),
  to: monthSchema.describe('Last month of the report (inclusive), YYYY-MM'),
  interval: z.enum(INTERVALS).default('month').describe('day, week (ISO, Monday to Sunday), month, quarter, year (calendar) or all (one period from → to); MRR metrics take months and longer'),
  segment: z.enum(BREAKDOWNS).optional().describe("Break down by the account's segment, country or industry (current values), by the subscription's plan, or by the owner of opportunities and leads (user id); the catalogue lists each metric's breakdowns"),
  currency: z.string().trim().toUpperCase().check(currencyCodeFormat('not an ISO 4217 currency code')).optional()
    .describe('Reporting currency: converts every amount with fx_rates (422 when a rate is missing). Without it each currency is its own series'),
  explain: booleanText.default(false).describe('Add to every figure its formula, settings and the records that sum to it'),
  grossMargin: z.union([z.number(), z.string()]).transform(String).pipe(z.string().regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?|\.\d{1,6})$/, 'a fraction from 0 to 1, e.g. 0.8'))
    .default('1').describe('Gross margin as a fraction (0.8 = 80 %) for gross-margin-ltv and cac-payback-months; 1 = revenue basis (the default)'),
  asOf: z.iso.datetime({ offset: true, message: 'expected an instant, ISO 8601 with Z or an offset (2024-03-31T23:59:59Z)' }).optional()
    .describe('Every metric (docs/metrics.md "As of"): the figure as the data stood at this instant (as reported); each point adds restatedValue and restatement (now − then); a 400 before the history start of a table it reads'),
});
export type MetricQuery = z.input<typeof metricQuerySchema>;

export type ReportRequest = {
  from: string;
  to: string;
  interval: Interval;
  periods: Period[];
  breakdown: Breakdown | null;
  reportingCurrency: string | null;
  explain: boolean;
  /** Exact decimal text, 0 … 1. */
  grossMargin: string;
  /** The instant the figure is read as of (docs/metrics.md "As of"); null or absent: the data as it is now. */
  asOf?: Date | null;
  /**
   * Whose records the figure counts (docs/metrics.md "Who sees what"): every record, or for the
   * sales roles only the opportunities and leads owned within crm's owner scope (metric-access.ts).
   */
  ownerScope: OwnerScope;
};

/** The scope of the company-wide figures (every role but the sales roles, the CLI, the warm-up). */
export const COMPANY_SCOPE: OwnerScope = { kind: 'all' };

/**
 * The scope as part of a memo key (request-memo.ts): a load shared within a batch names whose
 * records it read, so a team's load never answers a company-wide figure or the other way round.
 */
export function ownerScopeKey(scope: OwnerScope): string {
  return scope.kind === 'all' ? 'all' : `owners:${[...scope.ownerUserIds].sort().join(',')}`;
}

export function toReportRequest(query: MetricQuery, ownerScope: OwnerScope = COMPANY_SCOPE): ReportRequest {
  const result = metricQuerySchema.safeParse(query);
  if (!result.success) {
    const fieldErrors = result.error.issues.map((issue) => toFieldError(['querystring', ...issue.path.map(String)].join('.'), issue));
    throw new AppError('validation_failed', fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '), { fieldErrors });
  }
  const parsed = result.data;
  return {
    from: parsed.from,
    to: parsed.to,
    interval: parsed.interval,
    periods: planPeriods(parsed.from, parsed.to, parsed.interval),
    breakdown: parsed.segment ?? null,
    reportingCurrency: parsed.currency ?? null,
    explain: parsed.explain,
    grossMargin: parsed.grossMargin,
    asOf: parsed.asOf === undefined ? null : new Date(parsed.asOf),
    ownerScope,
  };
}

/** The settings an explained figure was made with (echoed so a figure can be reproduced). */
export function explainSettings(request: ReportRequest, period: Period, extra: Record<string, string | number | boolean | null> = {}) {
  return {
    from: request.from,
    to: request.to,
    interval: request.interval,
    segment: request.breakdown,
    reportingCurrency: request.reportingCurrency,
    periodStartDate: period.startDate,
    periodEndDate: period.endDate,
    ...(request.asOf ? { asOf: request.asOf.toISOString() } : {}),
    ...(request.ownerScope.kind === 'owners' ? { scope: 'team', ownerCount: request.ownerScope.ownerUserIds.size } : {}),
    ...extra,
  };
}
