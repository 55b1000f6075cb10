import { sql, type SqlBool } from 'kysely';
import type { Ctx } from '../../shared/context.ts';
import { parseCreditNoteReason } from '../invoicing/credit-note-reason.ts';
import { invoicingDb } from '../invoicing/tables.ts';
import type { CreditNoteRefundsTable, InvoiceSettlementsTable } from '../settlement/settlement-tables.ts';
import type { CreditNoteFilter, CreditNoteSummary } from './list-schema.ts';

// Read-only: what credit notes were issued and what became of their credit. Writes stay with
// issue-credit-note.ts (issue), payments (apply, unapply) and settlement (refunds).

/** The list's order: issue date, then number (gapless per year, so the order of issue within a day). */
export type CreditNoteKey = { issueDate: string; number: string };

function listDb(ctx: Ctx) {
  return invoicingDb(ctx).withTables<{ invoice_settlements: InvoiceSettlementsTable; credit_note_refunds: CreditNoteRefundsTable }>();
}

// A credit note against an invoice (a void's) credits that invoice in full when issued: nothing is left
// to apply. An adjustment's credit is settled on invoices (invoice_settlements, net of unapplications)
// or refunded in cash — the same arithmetic as settlement/credit-note-balances.ts.
const appliedSql = sql<string>`(case when credit_notes.invoice_id is not null then credit_notes.total_minor
  else coalesce((select sum(s.amount_minor) from invoice_settlements s where s.source_type = 'credit_note' and s.source_id = credit_notes.id), 0) end)`;
const refundedSql = sql<string>`coalesce((select sum(r.amount_minor) from credit_note_refunds r where r.credit_note_id = credit_notes.id), 0)`;
const remainingSql = sql<string>`(credit_notes.total_minor - ${appliedSql} - ${refundedSql})`;

/** Up to `limit` credit notes by (issue date, number) in `order`, after the key; `id` reads one credit note. */
export async function findCreditNoteRows(
  ctx: Ctx,
  filter: CreditNoteFilter & { id?: string },
  page: { order: 'asc' | 'desc'; limit: number; after: CreditNoteKey | null },
) {
  let query = listDb(ctx).selectFrom('credit_notes')
    .innerJoin('accounts', 'accounts.id', 'credit_notes.account_id')
    .leftJoin('invoices', 'invoices.id', 'credit_notes.invoice_id')
    .select([
      'credit_notes.id', 'credit_notes.number', 'credit_notes.kind', 'credit_notes.account_id', 'credit_notes.subscription_id',
      'credit_notes.invoice_id', 'invoices.number as invoice_number', 'credit_notes.currency', 'credit_notes.issue_date',
      'credit_notes.subtotal_minor', 'credit_notes.tax_minor', 'credit_notes.total_minor', 'credit_notes.reason',
      sql<string>`coalesce(credit_notes.customer_name, accounts.name)`.as('account_name'),
      sql<string>`${appliedSql}::text`.as('applied_minor'),
      sql<string>`${refundedSql}::text`.as('refunded_minor'),
    ]);
  if (filter.id !== undefined) query = query.where('credit_notes.id', '=', filter.id);
  if (filter.accountId !== undefined) query = query.where('credit_notes.account_id', '=', filter.accountId);
  if (filter.invoiceId !== undefined) {
    query = query.where(sql<SqlBool>`(credit_notes.invoice_id = ${filter.invoiceId} or exists (select 1 from invoice_settlements s
      where s.source_type = 'credit_note' and s.source_id = credit_notes.id and s.invoice_id = ${filter.invoiceId}))`);
  }
  if (filter.currency !== undefined) query = query.where('credit_notes.currency', '=', filter.currency);
  if (filter.kind !== undefined) query = query.where('credit_notes.kind', '=', filter.kind);
  if (filter.issueDateFrom !== undefined) query = query.where('credit_notes.issue_date', '>=', filter.issueDateFrom);
  if (filter.issueDateBefore !== undefined) query = query.where('credit_notes.issue_date', '<', filter.issueDateBefore);
  if (filter.open !== undefined) query = query.where(filter.open ? sql<SqlBool>`${remainingSql} > 0` : sql<SqlBool>`${remainingSql} <= 0`);
  if (page.after !== null) {
    const { issueDate, number } = page.after;
    query = query.where(page.order === 'desc'
      ? sql<SqlBool>`(credit_notes.issue_date, credit_notes.number) < (${issueDate}::date, ${number})`
      : sql<SqlBool>`(credit_notes.issue_date, credit_notes.number) > (${issueDate}::date, ${number})`);
  }
  return query.orderBy('credit_notes.issue_date', page.order).orderBy('credit_notes.number', page.order).limit(page.limit).execute();
}

export type CreditNoteListRow = Awaited<ReturnType<typeof findCreditNoteRows>>[number];

/** The credit, positive: the document stores its net and tax on the invoice's scale (negative). */
export function toCreditNoteSummary(row: CreditNoteListRow): CreditNoteSummary {
  const appliedMinor = BigInt(row.applied_minor);
  const refundedMinor = BigInt(row.refunded_minor);
  return {
    id: row.id, number: row.number, kind: row.kind, accountId: row.account_id, accountName: row.account_name,
    subscriptionId: row.subscription_id, invoiceId: row.invoice_id, invoiceNumber: row.invoice_number, currency: row.currency,
    issueDate: row.issue_date, netMinor: -row.subtotal_minor, taxMinor: -row.tax_minor, totalMinor: row.total_minor,
    appliedMinor, refundedMinor, remainingMinor: row.total_minor - appliedMinor - refundedMinor,
    reason: row.reason, reasonParts: parseCreditNoteReason({ kind: row.kind, reason: row.reason, invoiceNumber: row.invoice_number }),
  };
}
