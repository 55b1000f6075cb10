import { AppError } from '../shared/errors.ts';
import type { Ctx } from '../shared/context.ts';
import { crossRate, exactRate, invertRate, type ExactRate } from './fx-convert.ts';
import { addDaysToDate } from './month-numbers.ts';
import { metricsDb } from './read-model.ts';

/**
 * How old a rate may be and still count for a date. Reference rates (ECB) are published on
 * business days only, so a month end on a Sunday after a long weekend uses Thursday's rate; a
 * gap longer than a week means rates are missing, and a figure built on them would be wrong.
 */
export const FX_MAX_AGE_DAYS = 7;

/** The rate from a currency to the reporting currency on a date; throws a 422 when none is known. */
export type RateBook = { reportingCurrency: string; rateFor(from: string, date: string): ExactRate };

type Series = Array<{ rateDate: string; rate: ExactRate }>;

/**
 * Loads the rates a report needs: any row whose base or quote is one of the currencies, between
 * firstDate − FX_MAX_AGE_DAYS and lastDate. A rate is used directly, inverted, or crossed through
 * a shared base (ECB: EUR) — whichever exists, in that order.
 */
export async function loadRateBook(ctx: Ctx, sourceCurrencies: readonly string[], reportingCurrency: string, firstDate: string, lastDate: string): Promise<RateBook> {
  const codes = [...new Set([...sourceCurrencies, reportingCurrency])];
  const rows = await metricsDb(ctx).selectFrom('fx_rates').select(['base', 'quote', 'rate_date', 'rate'])
    .where((eb) => eb.or([eb('base', 'in', codes), eb('quote', 'in', codes)]))
    .where('rate_date', '>=', addDaysToDate(firstDate, -FX_MAX_AGE_DAYS)).where('rate_date', '<=', lastDate)
    .orderBy('rate_date').execute();
  const series = new Map<string, Series>();
  for (const row of rows) {
    const key = `${row.base}>${row.quote}`;
    const list = series.get(key) ?? [];
    list.push({ rateDate: row.rate_date, rate: exactRate({ rateDate: row.rate_date, base: row.base, quote: row.quote, rate: row.rate }) });
    series.set(key, list);
  }
  const bases = new Set(rows.map((row) => row.base));
  const memo = new Map<string, ExactRate>();
  const latest = (base: string, quote: string, date: string) => latestOnOrBefore(series.get(`${base}>${quote}`), date);
  const resolve = (from: string, date: string): ExactRate | undefined => {
    const direct = latest(from, reportingCurrency, date);
    if (direct) return direct;
    const inverse = latest(reportingCurrency, from, date);
    if (inverse) return invertRate(inverse);
    for (const via of bases) {
      const toFrom = latest(via, from, date);
      const toReporting = latest(via, reportingCurrency, date);
      if (toFrom && toReporting) return crossRate(toFrom, toReporting);
    }
    return undefined;
  };
  return {
    reportingCurrency,
    rateFor(from, date) {
      const key = `${from}|${date}`;
      const known = memo.get(key) ?? resolve(from, date);
      if (!known) throw missingRate(from, reportingCurrency, date);
      memo.set(key, known);
      return known;
    },
  };
}

function latestOnOrBefore(series: Series | undefined, date: string): ExactRate | undefined {
  if (!series) return undefined;
  let low = 0;
  let high = series.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((series[mid]?.rateDate ?? '') <= date) low = mid + 1;
    else high = mid;
  }
  const found = series[low - 1];
  return found && found.rateDate >= addDaysToDate(date, -FX_MAX_AGE_DAYS) ? found.rate : undefined;
}

function missingRate(from: string, to: string, date: string): AppError {
  return new AppError(
    'business_rule_violated',
    `No ${from}→${to} exchange rate on ${date} or in the ${FX_MAX_AGE_DAYS} days before; import rates (ECB CSV) before reporting in ${to}`,
    { extra: { base: from, quote: to, date } },
  );
}
