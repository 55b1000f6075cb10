import { z } from 'zod';
import { recordAudit } from '../shared/audit.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { isCurrencyCode } from '../shared/money.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { metricsDb } from './read-model.ts';

/**
 * PUT /settings/reporting-currency. The shape only: a code the app does not know is a business
 * rule (422 on body.reportingCurrency, setReportingCurrency), not a malformed request (400).
 */
export const reportingCurrencyBodySchema = z.strictObject({
  reportingCurrency: z.string().max(20).nullable()
    .describe('ISO 4217 code the app knows (EUR; case-insensitive), or null: figures per currency'),
});
export type ReportingCurrencyInput = z.input<typeof reportingCurrencyBodySchema>;
export type ReportingCurrencySetting = { reportingCurrency: string | null };

/**
 * The company's reporting currency (docs/metrics.md "Reporting currency"): what the dashboard,
 * the metrics explorer, AR aging and `revline metrics` convert into when the view names no
 * currency. Null until finance sets one: then every money figure stays per currency. The API's
 * own `currency` parameters do not read it: a request means what it says.
 */
export async function findReportingCurrency(ctx: Ctx): Promise<string | null> {
  const row = await metricsDb(ctx).selectFrom('reporting_settings').select('reporting_currency').executeTakeFirst();
  return row?.reporting_currency ?? null;
}

/** Sets (or with null clears) the reporting currency; audited with before and after. */
export async function setReportingCurrency(ctx: Ctx, input: ReportingCurrencyInput): Promise<ReportingCurrencySetting> {
  const parsed = parseInput(reportingCurrencyBodySchema, input);
  const reportingCurrency = parsed.reportingCurrency === null ? null : knownCurrency(parsed.reportingCurrency);
  return inTransaction(ctx, async (tx) => {
    const db = metricsDb(tx);
    const before = await db.selectFrom('reporting_settings').select('reporting_currency').forUpdate().executeTakeFirst();
    const values = { reporting_currency: reportingCurrency, updated_at: new Date(tx.clock.now().epochMilliseconds) };
    await db.insertInto('reporting_settings').values({ id: true, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
    await recordAudit(tx, {
      action: before ? 'update' : 'create', entityType: 'reporting_settings', entityId: 'default',
      before: before ? { reportingCurrency: before.reporting_currency } : null, after: { reportingCurrency },
    });
    return { reportingCurrency };
  });
}

// Only codes with a known exponent (shared/money.ts CURRENCY_EXPONENTS): amounts are converted
// into it and rounded in its minor units, so a code the app cannot round into is refused here,
// not at the first report.
function knownCurrency(text: string): string {
  const code = text.trim().toUpperCase();
  if (isCurrencyCode(code)) return code;
  const message = `${JSON.stringify(text)} is not an ISO 4217 currency code Revline knows (e.g. EUR, USD), nor null for figures per currency`;
  throw new AppError('business_rule_violated', `body.reportingCurrency: ${message}`, {
    fieldErrors: [{ field: 'body.reportingCurrency', message, code: 'unknown_currency' }],
  });
}

/** What a view names for "no conversion, one figure per currency" (web URL `currency=original`, CLI `--currency original`). */
export const PER_CURRENCY_CHOICE = 'original';

export type ResolvedReportingCurrency = { currency: string | undefined; fromCompany: boolean };

/**
 * The reporting currency of a client view (web app, CLI): the one it names; none when it names
 * PER_CURRENCY_CHOICE; else the company's (none while that is null). A named code is checked by the
 * report's own schema afterwards, so a bad one is reported by the option that carried it.
 */
export async function resolveReportingCurrency(ctx: Ctx, named: string | undefined): Promise<ResolvedReportingCurrency> {
  if (named !== undefined && named.trim().toLowerCase() === PER_CURRENCY_CHOICE) return { currency: undefined, fromCompany: false };
  if (named !== undefined) return { currency: named, fromCompany: false };
  const company = await findReportingCurrency(ctx);
  return { currency: company ?? undefined, fromCompany: company !== null };
}
