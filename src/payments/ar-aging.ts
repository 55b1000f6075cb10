import { z } from 'zod';
import { findCreditNoteCreditsOnDate, findInvoiceDuesOnDate, type CreditNoteCreditOnDate, type InvoiceDueOnDate } from '../billing/index.ts';
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
/** A credit note not yet applied (nor refunded) at the end of the as-of date: it already credited AR. */
export type AgingCredit = { creditNoteId: string; number: string; issueDate: string; unappliedMinor: bigint; reportingUnappliedMinor: bigint | null };
/** Open invoices (buckets) less unapplied credit notes = net AR, what the ledger's AR account holds. */
export type CreditSums = { unappliedCreditsMinor: bigint; netMinor: bigint };
export type AgingRow = CreditSums & {
  accountId: string; accountName: string; currency: string; buckets: BucketAmounts; reportingBuckets: BucketAmounts | null; invoices: AgingInvoice[];
  credits: AgingCredit[]; reportingUnappliedCreditsMinor: bigint | null; reportingNetMinor: bigint | null;
};
export type ArAging = {
  asOfDate: string;
  /** Null: document currency only. */
  reportingCurrency: string | null;
  /** The rate used per document currency (none for the reporting currency itself). */
  rates: AgingRateUsed[];
  note: string;
  customers: AgingRow[];
  /** Per document currency, never added across currencies. */
  totals: Array<CreditSums & { currency: string; buckets: BucketAmounts }>;
  /** Everything converted into the reporting currency: the sum of the customers' reporting buckets. */
  reportingTotal: BucketAmounts | null;
  /** The customers' reporting credits and net AR, summed; null without a reporting currency. */
  reportingUnappliedCreditsMinor: bigint | null;
  reportingNetMinor: bigint | null;
};
export type ArAgingOptions = { rates?: AgingRateReader | undefined };

/**
 * Accounts-receivable aging as of any date (docs/payments.md "AR aging"): what each invoice
 * still owed at the end of that day, by days past its due date — current (not yet due), 1–30,
 * 31–60, 61–90, over 90 — per customer and in total, per document currency. An invoice without a
 * due date is due on its issue date. Credit notes not yet applied are listed beside the buckets
 * and netted into net AR, which is what the ledger's AR account holds on that date (a credit note
 * credits AR when issued; overpayments are customer credit, not AR). With a reporting currency
 * (`currency`), every amount is also converted at the rate of the as-of date
 * (ar-aging-reporting.ts), read through the rates port.
 */
export async function arAging(ctx: Ctx, query: ArAgingQuery, options: ArAgingOptions = {}): Promise<ArAging> {
  const parsed = parseInput(arAgingQuerySchema, query, 'querystring');
  const asOfDate = parsed.asOf ?? todayOf(ctx);
  const filter = parsed.accountId ? { accountId: parsed.accountId } : {};
  const wanted = (item: { currency: string }) => parsed.documentCurrency === undefined || item.currency === parsed.documentCurrency;
  const dues = (await findInvoiceDuesOnDate(ctx, asOfDate, filter)).filter(wanted);
  const notes = (await findCreditNoteCreditsOnDate(ctx, asOfDate, filter)).filter(wanted);
  const converter = parsed.currency === undefined ? null
    : await agingConverter(ctx, options.rates, { currencies: [...dues, ...notes].map((item) => item.currency), reportingCurrency: parsed.currency, asOfDate });
  const rows = new Map<string, AgingRow>();
  for (const due of dues) addInvoice(rowFor(rows, due, converter), due, asOfDate, converter);
  for (const note of notes) addCredit(rowFor(rows, note, converter), note, converter);
  const customers = [...rows.values()].sort((a, b) => a.accountName.localeCompare(b.accountName) || (a.currency < b.currency ? -1 : 1));
  return {
    asOfDate,
    reportingCurrency: converter?.reportingCurrency ?? null,
    rates: converter?.rates ?? [],
    note: converter
      ? `Amounts in document currency, and in ${converter.reportingCurrency} at the latest rate on or before ${asOfDate}; each invoice and credit note converted once, rounded half-even. Net AR = open invoices − unapplied credit notes.`
      : 'Amounts are in document currency; ask for a reporting currency (currency=EUR) to convert them. Net AR = open invoices − unapplied credit notes.',
    customers,
    totals: totalsPerCurrency(customers),
    ...reportingTotals(customers, converter !== null),
  };
}

type Party = { accountId: string; accountName: string; currency: string };

function rowFor(rows: Map<string, AgingRow>, party: Party, converter: AgingConverter | null): AgingRow {
  const key = `${party.accountId}|${party.currency}`;
  const existing = rows.get(key);
  if (existing) return existing;
  const reporting = converter ? 0n : null;
  const row: AgingRow = {
    accountId: party.accountId, accountName: party.accountName, currency: party.currency, buckets: emptyBuckets(), reportingBuckets: converter ? emptyBuckets() : null,
    invoices: [], credits: [], unappliedCreditsMinor: 0n, netMinor: 0n, reportingUnappliedCreditsMinor: reporting, reportingNetMinor: reporting,
  };
  rows.set(key, row);
  return row;
}

function addInvoice(row: AgingRow, due: InvoiceDueOnDate, asOfDate: string, converter: AgingConverter | null): void {
  const daysPastDue = daysPastDueOn(due, asOfDate);
  const bucket = bucketOf(daysPastDue);
  const reportingAmountDueMinor = converter ? converter.convert(due.amountDueMinor, due.currency) : null;
  addTo(row.buckets, bucket, due.amountDueMinor);
  row.netMinor += due.amountDueMinor;
  if (row.reportingBuckets && reportingAmountDueMinor !== null) {
    addTo(row.reportingBuckets, bucket, reportingAmountDueMinor);
    row.reportingNetMinor = (row.reportingNetMinor ?? 0n) + reportingAmountDueMinor;
  }
  row.invoices.push({ invoiceId: due.id, number: due.number, dueDate: due.dueDate, daysPastDue, bucket, amountDueMinor: due.amountDueMinor, reportingAmountDueMinor });
}

function addCredit(row: AgingRow, note: CreditNoteCreditOnDate, converter: AgingConverter | null): void {
  const reportingUnappliedMinor = converter ? converter.convert(note.unappliedMinor, note.currency) : null;
  row.unappliedCreditsMinor += note.unappliedMinor;
  row.netMinor -= note.unappliedMinor;
  if (reportingUnappliedMinor !== null) {
    row.reportingUnappliedCreditsMinor = (row.reportingUnappliedCreditsMinor ?? 0n) + reportingUnappliedMinor;
    row.reportingNetMinor = (row.reportingNetMinor ?? 0n) - reportingUnappliedMinor;
  }
  row.credits.push({ creditNoteId: note.id, number: note.number, issueDate: note.issueDate, unappliedMinor: note.unappliedMinor, reportingUnappliedMinor });
}

function totalsPerCurrency(customers: readonly AgingRow[]): ArAging['totals'] {
  const totals = new Map<string, ArAging['totals'][number]>();
  for (const row of customers) {
    const total = totals.get(row.currency) ?? { currency: row.currency, buckets: emptyBuckets(), unappliedCreditsMinor: 0n, netMinor: 0n };
    addBuckets(total.buckets, row.buckets);
    total.unappliedCreditsMinor += row.unappliedCreditsMinor;
    total.netMinor += row.netMinor;
    totals.set(row.currency, total);
  }
  return [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

/** Sums of converted amounts (each invoice and credit note converted once), so they add up to the cent. */
function reportingTotals(customers: readonly AgingRow[], converted: boolean): Pick<ArAging, 'reportingTotal' | 'reportingUnappliedCreditsMinor' | 'reportingNetMinor'> {
  if (!converted) return { reportingTotal: null, reportingUnappliedCreditsMinor: null, reportingNetMinor: null };
  const reportingTotal = emptyBuckets();
  let credits = 0n;
  let net = 0n;
  for (const row of customers) {
    if (row.reportingBuckets) addBuckets(reportingTotal, row.reportingBuckets);
    credits += row.reportingUnappliedCreditsMinor ?? 0n;
    net += row.reportingNetMinor ?? 0n;
  }
  return { reportingTotal, reportingUnappliedCreditsMinor: credits, reportingNetMinor: net };
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

function addBuckets(into: BucketAmounts, from: BucketAmounts): void {
  for (const bucket of AGING_BUCKETS) into[bucket] += from[bucket];
  into.totalMinor += from.totalMinor;
}
