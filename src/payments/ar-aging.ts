import { z } from 'zod';
import { findInvoiceDuesOnDate, type InvoiceDueOnDate } from '../billing/index.ts';
import type { Ctx } from '../shared/context.ts';
import { parsePlainDate } from '../shared/dates.ts';
import { currencySchema, plainDateSchema, recordId } from '../shared/validation/field-schemas.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { agingConverter, type AgingConverter, type AgingRateReader, type AgingRateUsed } from './ar-aging-reporting.ts';
import { todayOf } from './today.ts';

export const AGING_BUCKETS = ['current', 'days1To30', 'days31To60', 'days61To90', 'over90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export type BucketAmounts = Record<AgingBucket, bigint> & { totalMinor: bigint };

export const arAgingQuerySchema = z.strictObject({
  asOf: plainDateSchema.optional().describe('Default: today'),
  currency: currencySchema.optional().describe('Reporting currency: every amount also converted at the rate of the as-of date'),
  documentCurrency: currencySchema.optional().describe('Only invoices in this currency'),
  accountId: recordId.optional(),
});
export type ArAgingQuery = z.input<typeof arAgingQuerySchema>;

export type AgingInvoice = {
  invoiceId: string; number: string | null; dueDate: string | null; daysPastDue: number; bucket: AgingBucket; amountDueMinor: bigint;
  /** In the reporting currency (rounded once, half-even); null without one. */
  reportingAmountDueMinor: bigint | null;
};
export type AgingRow = { accountId: string; accountName: string; currency: string; buckets: BucketAmounts; reportingBuckets: BucketAmounts | null; invoices: AgingInvoice[] };
export type ArAging = {
  asOfDate: string;
  /** Null: document currency only. */
  reportingCurrency: string | null;
  /** The rate used per document currency (none for the reporting currency itself). */
  rates: AgingRateUsed[];
  note: string;
  customers: AgingRow[];
  /** Per document currency, never added across currencies. */
  totals: Array<{ currency: string; buckets: BucketAmounts }>;
  /** Everything converted into the reporting currency: the sum of the customers' reporting buckets. */
  reportingTotal: BucketAmounts | null;
};
export type ArAgingOptions = { rates?: AgingRateReader | undefined };

/**
 * Accounts-receivable aging as of any date (docs/payments.md "AR aging"): what each invoice
 * still owed at the end of that day, by days past its due date — current (not yet due), 1–30,
 * 31–60, 61–90, over 90 — per customer and in total, per document currency. An invoice without a
 * due date is due on its issue date. With a reporting currency (`currency`), every amount is also
 * converted at the rate of the as-of date (ar-aging-reporting.ts), read through the rates port.
 */
export async function arAging(ctx: Ctx, query: ArAgingQuery, options: ArAgingOptions = {}): Promise<ArAging> {
  const parsed = parseInput(arAgingQuerySchema, query, 'querystring');
  const asOfDate = parsed.asOf ?? todayOf(ctx);
  const dues = (await findInvoiceDuesOnDate(ctx, asOfDate, parsed.accountId ? { accountId: parsed.accountId } : {}))
    .filter((due) => parsed.documentCurrency === undefined || due.currency === parsed.documentCurrency);
  const converter = parsed.currency === undefined ? null
    : await agingConverter(ctx, options.rates, { currencies: dues.map((due) => due.currency), reportingCurrency: parsed.currency, asOfDate });
  const customers = new Map<string, AgingRow>();
  const totals = new Map<string, BucketAmounts>();
  const reportingTotal = converter ? emptyBuckets() : null;
  for (const due of dues) {
    const daysPastDue = daysPastDueOn(due, asOfDate);
    const bucket = bucketOf(daysPastDue);
    const key = `${due.accountId}|${due.currency}`;
    const row = customers.get(key) ?? {
      accountId: due.accountId, accountName: due.accountName, currency: due.currency, buckets: emptyBuckets(), reportingBuckets: converter ? emptyBuckets() : null, invoices: [],
    };
    const reportingAmountDueMinor = converted(converter, due);
    addTo(row.buckets, bucket, due.amountDueMinor);
    if (row.reportingBuckets && reportingTotal && reportingAmountDueMinor !== null) {
      addTo(row.reportingBuckets, bucket, reportingAmountDueMinor);
      addTo(reportingTotal, bucket, reportingAmountDueMinor);
    }
    row.invoices.push({ invoiceId: due.id, number: due.number, dueDate: due.dueDate, daysPastDue, bucket, amountDueMinor: due.amountDueMinor, reportingAmountDueMinor });
    customers.set(key, row);
    const total = totals.get(due.currency) ?? emptyBuckets();
    addTo(total, bucket, due.amountDueMinor);
    totals.set(due.currency, total);
  }
  return {
    asOfDate,
    reportingCurrency: converter?.reportingCurrency ?? null,
    rates: converter?.rates ?? [],
    note: converter
      ? `Amounts in document currency, and in ${converter.reportingCurrency} at the latest rate on or before ${asOfDate}; each invoice converted once, rounded half-even.`
      : 'Amounts are in document currency; ask for a reporting currency (currency=EUR) to convert them.',
    customers: [...customers.values()].sort((a, b) => a.accountName.localeCompare(b.accountName) || (a.currency < b.currency ? -1 : 1)),
    totals: [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, buckets]) => ({ currency, buckets })),
    reportingTotal,
  };
}

function converted(converter: AgingConverter | null, due: InvoiceDueOnDate): bigint | null {
  return converter ? converter.convert(due.amountDueMinor, due.currency) : null;
}

export function daysPastDueOn(due: Pick<InvoiceDueOnDate, 'dueDate' | 'issueDate'>, asOfDate: string): number {
  const dueDate = parsePlainDate(due.dueDate ?? due.issueDate);
  return dueDate.until(parsePlainDate(asOfDate), { largestUnit: 'days' }).days;
}

/** Days past due → bucket: ≤ 0 current (due today is not late), 1–30, 31–60, 61–90, ≥ 91. */
export function bucketOf(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'days1To30';
  if (daysPastDue <= 60) return 'days31To60';
  if (daysPastDue <= 90) return 'days61To90';
  return 'over90';
}

function emptyBuckets(): BucketAmounts {
  return { current: 0n, days1To30: 0n, days31To60: 0n, days61To90: 0n, over90: 0n, totalMinor: 0n };
}

function addTo(buckets: BucketAmounts, bucket: AgingBucket, amountMinor: bigint): void {
  buckets[bucket] += amountMinor;
  buckets.totalMinor += amountMinor;
}
