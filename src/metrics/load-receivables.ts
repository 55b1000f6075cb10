import { sql } from 'kysely';
import { bucketOf, type AgingBucket } from '../payments/index.ts';
import type { Ctx } from '../shared/context.ts';
import { tableAsOf } from './as-of-tables.ts';
import { financeDb } from './finance-read-model.ts';
import type { DatedAmount } from './money-figures.ts';
import { daysBetween } from './month-numbers.ts';
import type { AccountAttributes } from './record-groups.ts';
import { memoInRequest } from './request-memo.ts';

/** An invoice with something due at the end of a date, dated that date (AR converts at the balance date). */
export type Receivable = DatedAmount & AccountAttributes & {
  recordType: 'invoice';
  id: string;
  number: string | null;
  accountId: string;
  dueDate: string;
  daysPastDue: number;
  bucket: AgingBucket;
};

/** An invoice and its settlements, with the instant comparisons of asOf already made by the database. */
type InvoiceHistory = AccountAttributes & {
  id: string; accountId: string; number: string | null; currency: string; issueDate: string; dueDate: string | null;
  totalMinor: bigint; amountPaidMinor: bigint; paidDate: string | null; voidedDate: string | null; voidedLater: boolean; paidLater: boolean;
  settledTotalMinor: bigint; settlements: Array<{ amountMinor: bigint; effectiveDate: string; recordedLater: boolean }>;
};

/**
 * Accounts receivable at the end of each of `dates`: billing's invoice dues rebuilt from the
 * settlement history — the rule of billing's `findInvoiceDuesOnDate` (the same figures as payments'
 * AR aging; load-receivables.test.ts holds the two equal) — aged by days past the due date (the
 * issue date when there is none) into payments' buckets. Unapplied credit (customer credit, credit
 * notes not yet applied) is not netted: AR is what open invoices still owe.
 *
 * The invoices and settlements are read once for all dates (two statements) and each date's dues
 * worked out here: one statement per period end read every invoice again (issue #7, the dashboard).
 *
 * With asOf (docs/metrics.md "As of"): the dues as recorded at that instant (billing's
 * `recordedBy`: invoices, voids and settlements recorded by then), account attributes as they
 * stood then. Instants are compared in SQL (microseconds), dates here.
 */
export async function loadReceivables(ctx: Ctx, dates: readonly string[], asOf: Date | null = null): Promise<Receivable[][]> {
  const lastDate = dates.reduce((latest, date) => (date > latest ? date : latest), '');
  // Within a batch the histories are read once per last date: the monthly reports and the report over all periods end on the same day.
  const invoices = lastDate === '' ? [] : await memoInRequest(ctx, ['invoice-histories', lastDate, asOf], () => loadInvoiceHistories(ctx, lastDate, asOf));
  return dates.map((date) => invoices.flatMap((invoice) => receivableOn(invoice, date)).sort((a, b) => (a.id < b.id ? -1 : 1)));
}

/** billing's findInvoiceDuesOnDate for one invoice: due then = total − (paid now − settled after the date − untracked paid later). */
function receivableOn(invoice: InvoiceHistory, date: string): Receivable[] {
  if (invoice.issueDate > date) return [];
  if (invoice.voidedDate !== null && !(invoice.voidedDate > date) && !invoice.voidedLater) return [];
  let settledAfterMinor = 0n;
  for (const settlement of invoice.settlements) if (settlement.effectiveDate > date || settlement.recordedLater) settledAfterMinor += settlement.amountMinor;
  const untracked = invoice.amountPaidMinor - invoice.settledTotalMinor;
  const untrackedLater = untracked > 0n && ((invoice.paidDate !== null && invoice.paidDate > date) || invoice.paidLater) ? untracked : 0n;
  const amountDueMinor = invoice.totalMinor - (invoice.amountPaidMinor - settledAfterMinor - untrackedLater);
  if (amountDueMinor <= 0n) return [];
  const dueDate = invoice.dueDate ?? invoice.issueDate;
  const daysPastDue = daysBetween(dueDate, date);
  return [{
    recordType: 'invoice', id: invoice.id, number: invoice.number, accountId: invoice.accountId, dueDate, daysPastDue, bucket: bucketOf(daysPastDue),
    date, amountMinor: amountDueMinor, currency: invoice.currency, segment: invoice.segment, country: invoice.country, industry: invoice.industry,
  }];
}

async function loadInvoiceHistories(ctx: Ctx, lastDate: string, asOf: Date | null): Promise<InvoiceHistory[]> {
  const db = financeDb(ctx);
  const rows = await db.selectFrom('invoices as i').leftJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'i.account_id')
    .select([
      'i.id', 'i.account_id', 'i.number', 'i.currency', 'i.issue_date', 'i.due_date', 'i.total_minor', 'i.amount_paid_minor', 'a.segment', 'a.country', 'a.industry',
      sql<string | null>`to_char(i.paid_at at time zone 'UTC', 'YYYY-MM-DD')`.as('paid_date'),
      sql<string | null>`to_char(i.voided_at at time zone 'UTC', 'YYYY-MM-DD')`.as('voided_date'),
      sql<boolean | null>`${asOf === null ? sql`false` : sql`i.voided_at > ${asOf}`}`.as('voided_later'),
      sql<boolean | null>`${asOf === null ? sql`false` : sql`i.paid_at > ${asOf}`}`.as('paid_later'),
    ])
    .where('i.status', '<>', 'draft').where('i.issue_date', '<=', lastDate)
    .$if(asOf !== null, (qb) => qb.where(sql<boolean>`greatest(i.issued_at, i.created_at) <= ${asOf}`))
    .orderBy('i.id').execute();
  const settlements = await db.selectFrom('invoice_settlements as s').innerJoin('invoices as i', 'i.id', 's.invoice_id')
    .select(['s.invoice_id', 's.amount_minor', 's.effective_date', sql<boolean | null>`${asOf === null ? sql`false` : sql`s.created_at > ${asOf}`}`.as('recorded_later')])
    .where('i.status', '<>', 'draft').where('i.issue_date', '<=', lastDate).execute();
  const histories = new Map(rows.map((row): [string, InvoiceHistory] => [row.id, {
    id: row.id, accountId: row.account_id, number: row.number, currency: row.currency, issueDate: row.issue_date ?? lastDate, dueDate: row.due_date,
    totalMinor: row.total_minor, amountPaidMinor: row.amount_paid_minor, paidDate: row.paid_date, voidedDate: row.voided_date,
    voidedLater: row.voided_later === true, paidLater: row.paid_later === true, settledTotalMinor: 0n, settlements: [],
    segment: row.segment ?? null, country: row.country ?? null, industry: row.industry ?? null,
  }]));
  for (const settlement of settlements) {
    const history = histories.get(settlement.invoice_id);
    if (!history) continue;
    history.settledTotalMinor += settlement.amount_minor;
    history.settlements.push({ amountMinor: settlement.amount_minor, effectiveDate: settlement.effective_date, recordedLater: settlement.recorded_later === true });
  }
  return [...histories.values()];
}
