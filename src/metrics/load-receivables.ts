import { findInvoiceDuesOnDate } from '../billing/index.ts';
import { bucketOf, type AgingBucket } from '../payments/index.ts';
import type { Ctx } from '../shared/context.ts';
import { tableAsOf } from './as-of-tables.ts';
import { financeDb } from './finance-read-model.ts';
import type { DatedAmount } from './money-figures.ts';
import { daysBetween } from './month-numbers.ts';
import type { AccountAttributes } from './record-groups.ts';

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

/**
 * Accounts receivable at the end of `asOfDate`: billing's invoice dues rebuilt from the settlement
 * history (the same figures as payments' AR aging), aged by days past the due date (the issue date
 * when there is none) into payments' buckets. Unapplied credit (customer credit, credit notes not
 * yet applied) is not netted: AR is what open invoices still owe.
 *
 * With asOf (docs/metrics.md "As of"): the dues as recorded at that instant (billing's
 * `recordedBy`: invoices, voids and settlements recorded by then), account attributes as they
 * stood then.
 */
export async function loadReceivables(ctx: Ctx, asOfDate: string, asOf: Date | null = null): Promise<Receivable[]> {
  const dues = await findInvoiceDuesOnDate(ctx, asOfDate, asOf === null ? {} : { recordedBy: asOf });
  const ids = [...new Set(dues.map((due) => due.accountId))];
  const accounts = ids.length === 0 ? [] : await financeDb(ctx).selectFrom(tableAsOf('accounts', asOf).as('a')).select(['a.id', 'a.segment', 'a.country', 'a.industry']).where('a.id', 'in', ids).execute();
  const attributes = new Map(accounts.map((a) => [a.id, { segment: a.segment, country: a.country, industry: a.industry }]));
  return dues.map((due): Receivable => {
    const dueDate = due.dueDate ?? due.issueDate;
    const daysPastDue = daysBetween(dueDate, asOfDate);
    return {
      recordType: 'invoice', id: due.id, number: due.number, accountId: due.accountId, dueDate, daysPastDue, bucket: bucketOf(daysPastDue),
      date: asOfDate, amountMinor: due.amountDueMinor, currency: due.currency, ...(attributes.get(due.accountId) ?? { segment: null, country: null, industry: null }),
    };
  }).sort((a, b) => (a.id < b.id ? -1 : 1));
}
