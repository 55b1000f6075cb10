import type { MoneyJson } from './types.ts';
import { isCalendarDate } from '../lib/calendar-date.ts';
import { neutralize, quote } from '../metrics-explorer/csv-export.ts';
import { minorToDecimal } from '../metrics-explorer/metric-format.ts';

// View-model of the aged receivables report (/billing/aging): the URL's settings, the rows in the
// chosen currency, their order, and the CSV. Pure, so it is tested without a browser.

export const AGING_COLUMNS = ['current', 'days1To30', 'days31To60', 'days61To90', 'over90', 'total'] as const;
export type AgingColumn = (typeof AGING_COLUMNS)[number];
type Buckets = Record<AgingColumn, MoneyJson>;

/** GET /api/v1/ar/aging (src/payments/json.ts arAgingJsonSchema), the parts this report reads. */
export type AgingReport = {
  asOfDate: string;
  reportingCurrency: string | null;
  rates: Array<{ currency: string; rate: string; rateDate: string }>;
  customers: Array<{
    accountId: string; accountName: string; currency: string; buckets: Buckets; reportingBuckets: Buckets | null;
    unappliedCredits: MoneyJson; net: MoneyJson; reportingUnappliedCredits: MoneyJson | null; reportingNet: MoneyJson | null;
    invoices: Array<{ invoiceId: string; number: string | null }>;
  }>;
  totals: Array<{ currency: string; buckets: Buckets; unappliedCredits: MoneyJson; net: MoneyJson }>;
  reportingTotal: { currency: string; buckets: Buckets; unappliedCredits: MoneyJson; net: MoneyJson } | null;
};

/** One line of the table: a customer in one currency (document or reporting), or a total. */
export type AgingLine = { key: string; accountId: string | null; name: string; currency: string; amounts: Record<AgingColumn | 'credits' | 'net', bigint>; invoices: number };

export type AgingSort = 'name' | 'total' | 'over90';

/** The report's settings as held in the URL: a real day or none (today), a currency code, 'original' or none (the company's). */
export function parseAgingSettings(search: URLSearchParams): { asOf: string; currency: string; sort: AgingSort } {
  const asOf = search.get('asOf') ?? '';
  const currency = (search.get('currency') ?? '').toUpperCase();
  const sort = search.get('sort');
  return {
    asOf: isCalendarDate(asOf) ? asOf : '',
    currency: currency === 'ORIGINAL' ? 'original' : /^[A-Z]{3}$/.test(currency) ? currency : '',
    sort: sort === 'name' || sort === 'over90' ? sort : 'total',
  };
}

/** The API query: `currency` only when converting (the company's currency, or one chosen; 'original' converts nothing). */
export function agingQuery(settings: { asOf: string; currency: string }, companyCurrency: string | null): string {
  const query = new URLSearchParams();
  if (settings.asOf !== '') query.set('asOf', settings.asOf);
  const currency = settings.currency === '' ? companyCurrency : settings.currency === 'original' ? null : settings.currency;
  if (currency) query.set('currency', currency);
  return query.toString();
}

const minor = (money: MoneyJson | null | undefined): bigint => (money ? BigInt(money.amountMinor) : 0n);

function amountsOf(buckets: Buckets, credits: MoneyJson, net: MoneyJson): AgingLine['amounts'] {
  return {
    current: minor(buckets.current), days1To30: minor(buckets.days1To30), days31To60: minor(buckets.days31To60), days61To90: minor(buckets.days61To90),
    over90: minor(buckets.over90), total: minor(buckets.total), credits: minor(credits), net: minor(net),
  };
}

/**
 * The customers' lines, in the reporting currency when the report has one (every customer converted),
 * else in their document currency; and the totals (one in the reporting currency, else one per document currency).
 */
export function agingLines(report: AgingReport, sort: AgingSort): { customers: AgingLine[]; totals: AgingLine[] } {
  const reporting = report.reportingCurrency;
  const customers = report.customers.map((row): AgingLine => ({
    key: `${row.accountId}:${row.currency}`, accountId: row.accountId, name: row.accountName, invoices: row.invoices.length,
    currency: reporting && row.reportingBuckets ? reporting : row.currency,
    amounts: reporting && row.reportingBuckets
      ? amountsOf(row.reportingBuckets, row.reportingUnappliedCredits ?? { amountMinor: 0, currency: reporting }, row.reportingNet ?? { amountMinor: 0, currency: reporting })
      : amountsOf(row.buckets, row.unappliedCredits, row.net),
  }));
  customers.sort(compareBy(sort));
  const totals = report.reportingTotal
    ? [{ key: 'total', accountId: null, name: '', currency: report.reportingTotal.currency, invoices: 0, amounts: amountsOf(report.reportingTotal.buckets, report.reportingTotal.unappliedCredits, report.reportingTotal.net) }]
    : report.totals.map((total): AgingLine => ({ key: `total:${total.currency}`, accountId: null, name: '', currency: total.currency, invoices: 0, amounts: amountsOf(total.buckets, total.unappliedCredits, total.net) }));
  return { customers, totals };
}

/** Biggest first (the riskiest at the top), then by name; or by name. Amounts compare only within one currency view. */
function compareBy(sort: AgingSort): (a: AgingLine, b: AgingLine) => number {
  const byName = (a: AgingLine, b: AgingLine) => a.name.localeCompare(b.name) || a.currency.localeCompare(b.currency);
  if (sort === 'name') return byName;
  return (a, b) => (a.amounts[sort] === b.amounts[sort] ? byName(a, b) : a.amounts[sort] > b.amounts[sort] ? -1 : 1);
}

/**
 * The report as RFC 4180 CSV: one line per customer and one per total, amounts as exact decimals
 * in the line's currency, names a spreadsheet would run as a formula neutralized (the explorer's CSV rules).
 */
export function agingCsv(lines: { customers: AgingLine[]; totals: AgingLine[] }, asOfDate: string, totalLabel: string): string {
  const header = ['as_of', 'customer', 'account_id', 'currency', 'current', 'days_1_to_30', 'days_31_to_60', 'days_61_to_90', 'over_90', 'total', 'unapplied_credits', 'net'];
  const rows = [...lines.customers, ...lines.totals].map((line) => [
    asOfDate, quote(neutralize(line.accountId === null ? totalLabel : line.name)), line.accountId ?? '', line.currency,
    ...[...AGING_COLUMNS, 'credits' as const, 'net' as const].map((column) => minorToDecimal(line.amounts[column], line.currency)),
  ].join(','));
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

/**
 * A rate as people quote it: the API's exact rate is units of the reporting currency per unit of the
 * other, which for a rate quoted the other way round (ECB: 1 EUR = 0.8581 GBP) is written "1/0.8581";
 * that one reads as the quote it came from.
 */
export function rateText(rate: string, currency: string, reportingCurrency: string): string {
  const inverse = /^1\/(.+)$/.exec(rate);
  return inverse ? `1 ${reportingCurrency} = ${inverse[1] ?? ''} ${currency}` : `1 ${currency} = ${rate} ${reportingCurrency}`;
}
