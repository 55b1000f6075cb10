import { z } from 'zod';
import { findInvoiceDuesOnDate, type InvoiceDueOnDate } from '../billing/index.ts';
import type { Ctx } from '../shared/context.ts';
import { parsePlainDate } from '../shared/dates.ts';
import { currencySchema, plainDateSchema, recordId } from '../shared/validation/field-schemas.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { todayOf } from './today.ts';

export const AGING_BUCKETS = ['current', 'days1To30', 'days31To60', 'days61To90', 'over90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export type BucketAmounts = Record<AgingBucket, bigint> & { totalMinor: bigint };

export const arAgingQuerySchema = z.strictObject({
  asOf: plainDateSchema.optional().describe('Default: today'),
  currency: currencySchema.optional().describe('Only invoices in this currency'),
  accountId: recordId.optional(),
});
export type ArAgingQuery = z.input<typeof arAgingQuerySchema>;

export type AgingRow = { accountId: string; accountName: string; currency: string; buckets: BucketAmounts; invoices: Array<{ invoiceId: string; number: string | null; dueDate: string | null; daysPastDue: number; bucket: AgingBucket; amountDueMinor: bigint }> };
export type ArAging = { asOfDate: string; reportingCurrency: null; note: string; customers: AgingRow[]; totals: Array<{ currency: string; buckets: BucketAmounts }> };

/**
 * Accounts-receivable aging as of any date (docs/payments.md "AR aging"): what each invoice
 * still owed at the end of that day, by days past its due date — current (not yet due), 1–30,
 * 31–60, 61–90, over 90 — per customer and in total, per document currency. An invoice without a
 * due date is due on its issue date. There is no reporting-currency column: the FX rates live in
 * metrics, which comes after payments in the dependency order.
 */
export async function arAging(ctx: Ctx, query: ArAgingQuery): Promise<ArAging> {
  const parsed = parseInput(arAgingQuerySchema, query, 'querystring');
  const asOfDate = parsed.asOf ?? todayOf(ctx);
  const dues = (await findInvoiceDuesOnDate(ctx, asOfDate, parsed.accountId ? { accountId: parsed.accountId } : {}))
    .filter((due) => parsed.currency === undefined || due.currency === parsed.currency);
  const customers = new Map<string, AgingRow>();
  const totals = new Map<string, BucketAmounts>();
  for (const due of dues) {
    const daysPastDue = daysPastDueOn(due, asOfDate);
    const bucket = bucketOf(daysPastDue);
    const key = `${due.accountId}|${due.currency}`;
    const row = customers.get(key) ?? { accountId: due.accountId, accountName: due.accountName, currency: due.currency, buckets: emptyBuckets(), invoices: [] };
    addTo(row.buckets, bucket, due.amountDueMinor);
    row.invoices.push({ invoiceId: due.id, number: due.number, dueDate: due.dueDate, daysPastDue, bucket, amountDueMinor: due.amountDueMinor });
    customers.set(key, row);
    const total = totals.get(due.currency) ?? emptyBuckets();
    addTo(total, bucket, due.amountDueMinor);
    totals.set(due.currency, total);
  }
  return {
    asOfDate,
    reportingCurrency: null,
    note: 'Amounts are in document currency; conversion to a reporting currency is not available in the payments domain.',
    customers: [...customers.values()].sort((a, b) => a.accountName.localeCompare(b.accountName) || (a.currency < b.currency ? -1 : 1)),
    totals: [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, buckets]) => ({ currency, buckets })),
  };
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
