import { z } from 'zod';
import { PAYMENT_METHODS, PAYMENT_STATUSES } from '../billing/index.ts';
import { money, moneyToJson, type MoneyJson } from '../shared/money.ts';
import { AGING_BUCKETS, type ArAging, type BucketAmounts } from './ar-aging.ts';
import type { CustomerCredit, PaymentDetail } from './schema.ts';

// Response shapes: Money leaves as { amountMinor, currency } (STYLE.md "Money").
export const moneyJsonSchema = z.object({ amountMinor: z.union([z.number().int(), z.string()]), currency: z.string() });
const moneyOf = (amountMinor: bigint, currency: string): MoneyJson => moneyToJson(money(amountMinor, currency));

export const paymentDetailJsonSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  amount: moneyJsonSchema,
  receivedDate: z.string(),
  receivedAt: z.string(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  status: z.enum(PAYMENT_STATUSES),
  sourceSystem: z.string().nullable(),
  externalId: z.string().nullable(),
  applied: moneyJsonSchema,
  unapplied: moneyJsonSchema.describe('Customer credit left on this payment'),
  allocations: z.array(z.object({ invoiceId: z.string(), amount: moneyJsonSchema })),
  reversals: z.array(z.object({ id: z.string(), kind: z.enum(['refund', 'chargeback']), amount: moneyJsonSchema, date: z.string(), reason: z.string().nullable(), journalEntryId: z.string() })),
  journalEntryId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

export function paymentDetailToJson(detail: PaymentDetail) {
  const c = detail.currency;
  return {
    id: detail.id, accountId: detail.accountId, amount: moneyOf(detail.amountMinor, c), receivedDate: detail.receivedDate, receivedAt: detail.receivedAt,
    method: detail.method, reference: detail.reference, status: detail.status, sourceSystem: detail.sourceSystem, externalId: detail.externalId,
    applied: moneyOf(detail.appliedMinor, c), unapplied: moneyOf(detail.unappliedMinor, c),
    allocations: detail.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: moneyOf(a.amountMinor, c) })),
    reversals: detail.reversals.map((r) => ({ id: r.id, kind: r.kind, amount: moneyOf(r.amountMinor, c), date: r.date, reason: r.reason, journalEntryId: r.journalEntryId })),
    journalEntryId: detail.journalEntryId, createdAt: detail.createdAt, updatedAt: detail.updatedAt, version: detail.version,
  };
}

export const customerCreditJsonSchema = z.object({ accountId: z.string(), amount: moneyJsonSchema });
export function customerCreditToJson(credit: CustomerCredit) {
  return { accountId: credit.accountId, amount: moneyOf(credit.amountMinor, credit.currency) };
}

const bucketsJsonSchema = z.object({ ...Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, moneyJsonSchema])), total: moneyJsonSchema });
function bucketsToJson(buckets: BucketAmounts, currency: string) {
  return { ...Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, moneyOf(buckets[bucket], currency)])), total: moneyOf(buckets.totalMinor, currency) };
}

const agingRateJsonSchema = z.object({ currency: z.string(), rate: z.string().describe('Units of the reporting currency per unit of this currency (exact)'), rateDate: z.string() });

export const arAgingJsonSchema = z.object({
  asOfDate: z.string(),
  reportingCurrency: z.string().nullable().describe('Null: document currency only'),
  rates: z.array(agingRateJsonSchema),
  note: z.string(),
  customers: z.array(z.object({
    accountId: z.string(), accountName: z.string(), currency: z.string(), buckets: bucketsJsonSchema, reportingBuckets: bucketsJsonSchema.nullable(),
    invoices: z.array(z.object({
      invoiceId: z.string(), number: z.string().nullable(), dueDate: z.string().nullable(), daysPastDue: z.number().int(), bucket: z.enum(AGING_BUCKETS),
      amountDue: moneyJsonSchema, reportingAmountDue: moneyJsonSchema.nullable(),
    })),
  })),
  totals: z.array(z.object({ currency: z.string(), buckets: bucketsJsonSchema })),
  reportingTotal: z.object({ currency: z.string(), buckets: bucketsJsonSchema }).nullable().describe('All customers in the reporting currency'),
});

export function arAgingToJson(aging: ArAging) {
  const reporting = aging.reportingCurrency;
  return {
    asOfDate: aging.asOfDate,
    reportingCurrency: reporting,
    rates: aging.rates,
    note: aging.note,
    customers: aging.customers.map((row) => ({
      accountId: row.accountId, accountName: row.accountName, currency: row.currency, buckets: bucketsToJson(row.buckets, row.currency),
      reportingBuckets: row.reportingBuckets && reporting ? bucketsToJson(row.reportingBuckets, reporting) : null,
      invoices: row.invoices.map((invoice) => ({
        invoiceId: invoice.invoiceId, number: invoice.number, dueDate: invoice.dueDate, daysPastDue: invoice.daysPastDue, bucket: invoice.bucket,
        amountDue: moneyOf(invoice.amountDueMinor, row.currency),
        reportingAmountDue: invoice.reportingAmountDueMinor !== null && reporting ? moneyOf(invoice.reportingAmountDueMinor, reporting) : null,
      })),
    })),
    totals: aging.totals.map((total) => ({ currency: total.currency, buckets: bucketsToJson(total.buckets, total.currency) })),
    reportingTotal: aging.reportingTotal && reporting ? { currency: reporting, buckets: bucketsToJson(aging.reportingTotal, reporting) } : null,
  };
}
