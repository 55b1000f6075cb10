import { sql } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import { settlementDb } from './settlement-tables.ts';

export type InvoiceDueOnDate = {
  id: string;
  accountId: string;
  accountName: string;
  number: string | null;
  currency: string;
  issueDate: string;
  dueDate: string | null;
  totalMinor: bigint;
  /** What was still due at the end of the as-of date. */
  amountDueMinor: bigint;
};

/**
 * Every invoice with something due at the end of `asOfDate`, rebuilt from the settlement history:
 * due then = total − (paid now − settled after the date). Payment progress that cash application
 * did not record (an imported invoice's own amount paid) counts from its paid date, or as already
 * paid when the import gave none. An invoice counts once issued on or before the date and until
 * the day it was voided.
 *
 * `recordedBy` (metrics' as-of, docs/metrics.md "As of") reads the same as the records stood at
 * that instant: invoices issued or imported by then (greatest(issued_at, created_at)), voids and
 * settlements recorded by then (voided_at, created_at), an imported invoice's own amount paid as
 * unpaid when its paid_at is later.
 */
export async function findInvoiceDuesOnDate(ctx: Ctx, asOfDate: string, filter: { accountId?: string; recordedBy?: Date } = {}): Promise<InvoiceDueOnDate[]> {
  const by = filter.recordedBy ?? null;
  const laterSettlement = by === null ? sql<boolean>`s.effective_date > ${asOfDate}` : sql<boolean>`(s.effective_date > ${asOfDate} or s.created_at > ${by})`;
  let query = settlementDb(ctx).selectFrom('invoices')
    .innerJoin('accounts', 'accounts.id', 'invoices.account_id')
    .select([
      'invoices.id', 'invoices.account_id', 'accounts.name as account_name', 'invoices.number', 'invoices.currency', 'invoices.issue_date',
      'invoices.due_date', 'invoices.total_minor', 'invoices.amount_paid_minor',
      sql<string | null>`to_char(invoices.paid_at at time zone 'UTC', 'YYYY-MM-DD')`.as('paid_date'),
      sql<string>`coalesce((select sum(s.amount_minor) from invoice_settlements s where s.invoice_id = invoices.id), 0)::text`.as('settled_total'),
      sql<string>`coalesce((select sum(s.amount_minor) from invoice_settlements s where s.invoice_id = invoices.id and ${laterSettlement}), 0)::text`.as('settled_after'),
      sql<boolean>`${by === null ? sql`false` : sql`invoices.paid_at > ${by}`}`.as('paid_later'),
    ])
    .where('invoices.status', '<>', 'draft')
    .where('invoices.issue_date', '<=', asOfDate)
    .where((eb) => eb.or([eb('invoices.voided_at', 'is', null), sql<boolean>`(invoices.voided_at at time zone 'UTC')::date > ${asOfDate}::date`, ...(by === null ? [] : [sql<boolean>`invoices.voided_at > ${by}`])]));
  if (by !== null) query = query.where(sql<boolean>`greatest(invoices.issued_at, invoices.created_at) <= ${by}`);
  if (filter.accountId !== undefined) query = query.where('invoices.account_id', '=', filter.accountId);
  const rows = await query.orderBy('invoices.due_date').orderBy('invoices.id').execute();
  const dues: InvoiceDueOnDate[] = [];
  for (const row of rows) {
    const untracked = row.amount_paid_minor - BigInt(row.settled_total);
    const untrackedLater = untracked > 0n && ((row.paid_date !== null && row.paid_date > asOfDate) || row.paid_later) ? untracked : 0n;
    const paidThen = row.amount_paid_minor - BigInt(row.settled_after) - untrackedLater;
    const amountDueMinor = row.total_minor - paidThen;
    if (amountDueMinor <= 0n) continue;
    dues.push({
      id: row.id, accountId: row.account_id, accountName: row.account_name, number: row.number, currency: row.currency,
      issueDate: row.issue_date ?? asOfDate, dueDate: row.due_date, totalMinor: row.total_minor, amountDueMinor,
    });
  }
  return dues;
}
