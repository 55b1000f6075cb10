import type { ResolvedReportingCurrency } from '../metrics/index.ts';
import { AppError } from '../shared/errors.ts';

/** The help of a --currency option that defaults to the company reporting currency. */
export const CURRENCY_OPTION_HELP = 'default: the company reporting currency (Settings → Exchange rates in the web app); "original" for figures per currency';

/**
 * A missing exchange rate for the company's currency (the user typed no --currency) keeps the
 * rate book's message — pair, date, "import rates" — and adds where the currency came from and
 * how to report per currency instead. Nothing is dropped: the command still fails.
 */
export function withCompanyCurrencyHint(error: unknown, reporting: ResolvedReportingCurrency): unknown {
  if (!(error instanceof AppError) || !reporting.fromCompany || error.extra['quote'] !== reporting.currency) return error;
  const hint = `${reporting.currency ?? ''} is the company reporting currency; --currency original reports per currency`;
  return new AppError(error.code, `${error.detail ?? error.message} (${hint})`, { fieldErrors: error.fieldErrors, extra: error.extra, cause: error });
}
