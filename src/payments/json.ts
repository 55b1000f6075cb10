import { z } from 'zod';
import { PAYMENT_METHODS, PAYMENT_STATUSES } from '../billing/index.ts';
import { money, moneyToJson, type MoneyJson } from '../shared/money.ts';
import { AGING_BUCKETS, type ArAging, type BucketAmounts } from './ar-aging.ts';
import type { PaymentListItem } from './list-payments-schema.ts';
import type { CustomerCredit, PaymentDetail } from './schema.ts';

// Response shapes: Money leaves as { amountMinor, currency } (STYLE.md "Money").
export const moneyJsonSchema = z.object({ amountMinor: z.union([z.number().int(), z.string()]), currency: z.string() });
const moneyOf = (amountMinor: bigint, currency: string): MoneyJson => moneyToJson(money(amountMinor, currency));

const paymentFields = {
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
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
};

/** A row of GET /payments: the payment, its allocations and what is left of it. */
export const paymentListItemJsonSchema = z.object(paymentFields);

export const paymentDetailJsonSchema = z.object({
  ...paymentFields,
  reversals: z.array(z.object({ id: z.string(), kind: z.enum(['refund', 'chargeback']), amount: moneyJsonSchema, date: z.string(), reason: z.string().nullable(), journalEntryId: z.string() })),
  journalEntryId: z.string().nullable(),
});

export function paymentListItemToJson(item: PaymentListItem) {
  const c = item.currency;
  return {
    id: item.id, accountId: item.accountId, amount: moneyOf(item.amountMinor, c), receivedDate: item.receivedDate, receivedAt: item.receivedAt,
    method: item.method, reference: item.reference, status: item.status, sourceSystem: item.sourceSystem, externalId: item.externalId,
    applied: moneyOf(item.appliedMinor, c), unapplied: moneyOf(item.unappliedMinor, c),
    allocations: item.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: moneyOf(a.amountMinor, c) })),
    createdAt: item.createdAt, updatedAt: item.updatedAt, version: item.version,
  };
}

export function paymentDetailToJson(detail: PaymentDetail) {
  const c = detail.currency;
  return {
    ...paymentListItemToJson(detail),
    reversals: detail.reversals.map((r) => ({ id: r.id, kind: r.kind, amount: moneyOf(r.amountMinor, c), date: r.date, reason: r.reason, journalEntryId: r.journalEntryId })),
    journalEntryId: detail.journalEntryId,
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

const unappliedCreditsDescription = 'Credit notes issued and not yet applied nor refunded: they already credited AR';
const netDescription = 'Net AR = total of open invoices − unappliedCredits: what the ledger’s AR account (1100) holds on the as-of date';

export const arAgingJsonSchema = z.object({
  asOfDate: z.string(),
  reportingCurrency: z.string().nullable().describe('Null: document currency only'),
  rates: z.array(agingRateJsonSchema),
  note: z.string(),
  customers: z.array(z.object({
    accountId: z.string(), accountName: z.string(), currency: z.string(), buckets: bucketsJsonSchema, reportingBuckets: bucketsJsonSchema.nullable(),
    unappliedCredits: moneyJsonSchema.describe(unappliedCreditsDescription), net: moneyJsonSchema.describe(netDescription),
    reportingUnappliedCredits: moneyJsonSchema.nullable(), reportingNet: moneyJsonSchema.nullable(),
    invoices: z.array(z.object({
      invoiceId: z.string(), number: z.string().nullable(), dueDate: z.string().nullable(), daysPastDue: z.number().int(), bucket: z.enum(AGING_BUCKETS),
      amountDue: moneyJsonSchema, reportingAmountDue: moneyJsonSchema.nullable(),
    })),
    credits: z.array(z.object({
      creditNoteId: z.string(), number: z.string(), issueDate: z.string(), unapplied: moneyJsonSchema, reportingUnapplied: moneyJsonSchema.nullable(),
    })).describe(unappliedCreditsDescription),
  })),
  totals: z.array(z.object({
    currency: z.string(), buckets: bucketsJsonSchema, unappliedCredits: moneyJsonSchema.describe(unappliedCreditsDescription), net: moneyJsonSchema.describe(netDescription),
  })),
  reportingTotal: z.object({ currency: z.string(), buckets: bucketsJsonSchema, unappliedCredits: moneyJsonSchema, net: moneyJsonSchema }).nullable()
    .describe('All customers in the reporting currency'),
});

export function arAgingToJson(aging: ArAging) {
  const reporting = aging.reportingCurrency;
  const reportingMoney = (amountMinor: bigint | null) => (amountMinor !== null && reporting ? moneyOf(amountMinor, reporting) : null);
  return {
    asOfDate: aging.asOfDate,
    reportingCurrency: reporting,
    rates: aging.rates,
    note: aging.note,
    customers: aging.customers.map((row) => ({
      accountId: row.accountId, accountName: row.accountName, currency: row.currency, buckets: bucketsToJson(row.buckets, row.currency),
      reportingBuckets: row.reportingBuckets && reporting ? bucketsToJson(row.reportingBuckets, reporting) : null,
      unappliedCredits: moneyOf(row.unappliedCreditsMinor, row.currency), net: moneyOf(row.netMinor, row.currency),
      reportingUnappliedCredits: reportingMoney(row.reportingUnappliedCreditsMinor), reportingNet: reportingMoney(row.reportingNetMinor),
      invoices: row.invoices.map((invoice) => ({
        invoiceId: invoice.invoiceId, number: invoice.number, dueDate: invoice.dueDate, daysPastDue: invoice.daysPastDue, bucket: invoice.bucket,
        amountDue: moneyOf(invoice.amountDueMinor, row.currency), reportingAmountDue: reportingMoney(invoice.reportingAmountDueMinor),
      })),
      credits: row.credits.map((credit) => ({
        creditNoteId: credit.creditNoteId, number: credit.number, issueDate: credit.issueDate,
        unapplied: moneyOf(credit.unappliedMinor, row.currency), reportingUnapplied: reportingMoney(credit.reportingUnappliedMinor),
      })),
    })),
    totals: aging.totals.map((total) => ({
      currency: total.currency, buckets: bucketsToJson(total.buckets, total.currency),
      unappliedCredits: moneyOf(total.unappliedCreditsMinor, total.currency), net: moneyOf(total.netMinor, total.currency),
    })),
    reportingTotal: aging.reportingTotal && reporting
      ? {
        currency: reporting, buckets: bucketsToJson(aging.reportingTotal, reporting),
        unappliedCredits: moneyOf(aging.reportingUnappliedCreditsMinor ?? 0n, reporting), net: moneyOf(aging.reportingNetMinor ?? 0n, reporting),
      }
      : null,
  };
}
