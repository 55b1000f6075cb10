import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { tableAsOf } from './as-of-tables.ts';
import { financeDb } from './finance-read-model.ts';
import type { DatedAmount } from './money-figures.ts';
import type { AccountAttributes } from './record-groups.ts';

/**
 * An issued invoice (+) or credit note (−) as billings see it: `amountMinor` is net of tax
 * (what `billings` adds), `grossMinor` includes it (what DSO compares with receivables, which
 * include tax). Dated by its issue date.
 */
export type BillingDocument = DatedAmount & AccountAttributes & {
  recordType: 'invoice' | 'credit_note';
  id: string;
  number: string | null;
  accountId: string;
  taxMinor: bigint;
  grossMinor: bigint;
};

/**
 * Issued (or paid) invoices and every credit note with an issue date in [fromDate, toDate].
 * A voided invoice counts on its issue date and its void credit note takes it back on the credit
 * note's date; an invoice voided without a credit note (imported: voided in its source system)
 * counts neither way. Drafts are not billed.
 *
 * With asOf (docs/metrics.md "As of"): the documents as recorded at that instant — an invoice
 * issued (or imported) by then, `greatest(issued_at, created_at)` ≤ asOf; a credit note whose
 * issued_at ≤ asOf (a void credit note issued later leaves its invoice standing, and an invoice
 * voided in its source system after asOf, `voided_at` > asOf, still counts); account attributes
 * as they stood then (accounts_as_of).
 */
export async function loadBillingDocuments(ctx: Ctx, fromDate: string, toDate: string, asOf: Date | null = null): Promise<BillingDocument[]> {
  const db = financeDb(ctx);
  const invoices = await db.selectFrom('invoices as i').innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'i.account_id')
    .select(['i.id', 'i.number', 'i.account_id', 'i.currency', 'i.issue_date', 'i.tax_minor', 'i.total_minor', 'a.segment', 'a.country', 'a.industry'])
    .where('i.issue_date', '>=', fromDate).where('i.issue_date', '<=', toDate)
    .where((eb) => eb.or([
      eb('i.status', 'in', ['issued', 'paid']),
      eb.and([eb('i.status', '=', 'void'), eb.exists(eb.selectFrom('credit_notes as v').select(sql`1`.as('one')).whereRef('v.invoice_id', '=', 'i.id').where('v.kind', '=', 'void'))]),
      ...(asOf === null ? [] : [eb.and([eb('i.status', '=', 'void'), sql<boolean>`i.voided_at > ${asOf}`])]),
    ]))
    .$if(asOf !== null, (qb) => qb.where(sql<boolean>`greatest(i.issued_at, i.created_at) <= ${asOf}`))
    .orderBy('i.issue_date').orderBy('i.id').execute();
  const notes = await db.selectFrom('credit_notes as c').innerJoin(tableAsOf('accounts', asOf).as('a'), 'a.id', 'c.account_id')
    .select(['c.id', 'c.number', 'c.account_id', 'c.currency', 'c.issue_date', 'c.tax_minor', 'c.total_minor', 'a.segment', 'a.country', 'a.industry'])
    .where('c.issue_date', '>=', fromDate).where('c.issue_date', '<=', toDate)
    .$if(asOf !== null, (qb) => qb.where(sql<boolean>`greatest(c.issued_at, c.created_at) <= ${asOf}`))
    .orderBy('c.issue_date').orderBy('c.id').execute();
  const attributes = (row: AccountAttributes) => ({ segment: row.segment, country: row.country, industry: row.industry });
  return [
    ...invoices.map((row): BillingDocument => ({
      recordType: 'invoice', id: row.id, number: row.number, accountId: row.account_id, currency: row.currency, date: row.issue_date ?? fromDate,
      amountMinor: row.total_minor - row.tax_minor, taxMinor: row.tax_minor, grossMinor: row.total_minor, ...attributes(row),
    })),
    // A credit note's total is the credit (positive) and its tax is signed like its lines (negative).
    ...notes.map((row): BillingDocument => ({
      recordType: 'credit_note', id: row.id, number: row.number, accountId: row.account_id, currency: row.currency, date: row.issue_date,
      amountMinor: -row.total_minor - row.tax_minor, taxMinor: row.tax_minor, grossMinor: -row.total_minor, ...attributes(row),
    })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
}
