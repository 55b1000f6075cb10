import { sql } from 'kysely';
import { recordAuditEntries } from '../../shared/audit.ts';
import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { assert } from '../../shared/errors.ts';
import { publishEvents } from '../../shared/events/index.ts';
import { nowOf } from '../billing-db.ts';
import { ruleError } from '../field-errors.ts';
import { documentDateFor, dueDatesAtIssue } from './document-dates.ts';
import { nextDocumentNumbers } from './document-numbers.ts';
import { postDocumentEntries } from './document-posting.ts';
import { lockInvoice } from './invoice-lookup.ts';
import { invoicingDb, netAmountMinor, type BilledInvoiceRow, type BilledLineRow } from './tables.ts';
import { summary } from './write-invoice-lines.ts';

export type IssueInvoiceInput = { invoiceId: string };

/**
 * Issues a draft: takes the next gapless number of INV-<year of issue>, posts Dr AR / Cr deferred
 * revenue or revenue / Cr tax payable, freezes the invoice (trigger), announces invoice.issued —
 * all in one transaction, so a failure leaves a draft and no number used.
 */
export async function issueInvoice(ctx: Ctx, input: IssueInvoiceInput): Promise<BilledInvoiceRow> {
  return inTransaction(ctx, async (tx) => {
    const before = await lockInvoice(tx, input.invoiceId);
    if (before.status !== 'draft') throw ruleError('invoiceId', `invoice ${input.invoiceId} is ${before.status}; only a draft can be issued`);
    const [after] = await issueLockedDrafts(tx, [before]);
    assert(after, `invoice ${input.invoiceId} was not issued`);
    return after;
  });
}

/**
 * issueInvoice for many drafts the caller has row-locked (the billing run's chunk, or one): one
 * contiguous block of numbers per series in input order, one batch of journal entries, one UPDATE,
 * audit rows and invoice.issued events — the same rows as issuing them one by one. Returns the
 * issued rows in input order.
 */
export async function issueLockedDrafts(tx: TxCtx, drafts: readonly BilledInvoiceRow[]): Promise<BilledInvoiceRow[]> {
  if (drafts.length === 0) return [];
  for (const draft of drafts) assert(draft.status === 'draft', `invoice ${draft.id} is ${draft.status}, not a locked draft`);
  // One date per billing date (documentDateFor reads the clock, a Temporal conversion each time).
  const dateByBillingDate = new Map<string | null, string>();
  const issueDates = drafts.map((draft) => {
    let date = dateByBillingDate.get(draft.billing_date);
    if (date === undefined) dateByBillingDate.set(draft.billing_date, date = documentDateFor(tx, draft.billing_date));
    return date;
  });
  const numbers = await nextDocumentNumbers(tx, 'INV', issueDates);
  // The account's payment terms at issue (docs/billing.md "Payment terms"), one read for the batch.
  const dueDates = await dueDatesAtIssue(tx, drafts.map((draft, index) => ({ accountId: draft.account_id, issueDate: issueDates[index] ?? '' })));
  const lines = await loadLinesOf(tx, drafts.map((draft) => draft.id));
  const entryIds = await postDocumentEntries(tx, drafts.map((before, index) => ({
    lines: (lines.get(before.id) ?? []).map((line) => ({ amountMinor: netAmountMinor(line), taxMinor: line.tax_minor, recognition: line.recognition, revenueKind: line.revenue_kind })),
    sign: 1n, currency: before.currency, entryDate: issueDates[index] ?? '', description: `Invoice ${numbers[index] ?? ''}`, source: { type: 'invoice', id: before.id },
    refs: { accountId: before.account_id, invoiceId: before.id, ...(before.subscription_id ? { subscriptionId: before.subscription_id } : {}) },
  })));
  const issued = await markIssued(tx, drafts.map((draft, index) => ({
    id: draft.id, number: numbers[index] ?? '', issueDate: issueDates[index] ?? '', journalEntryId: entryIds[index] ?? null, dueDate: dueDates[index] ?? '',
  })));
  const after = drafts.map((draft) => {
    const row = issued.get(draft.id);
    assert(row, `invoice ${draft.id} was not updated to issued`);
    return row;
  });
  await recordAuditEntries(tx, after.map((row, index) => {
    const before = drafts[index];
    assert(before, `invoice ${row.id} has no draft before it`);
    return { action: 'issue', entityType: 'invoice', entityId: row.id, before: summary(before), after: summary(row) };
  }));
  await publishEvents(tx, after.map((row) => ({
    type: 'invoice.issued', aggregateType: 'invoice', aggregateId: row.id,
    payload: {
      invoiceId: row.id, number: row.number, accountId: row.account_id, subscriptionId: row.subscription_id, currency: row.currency,
      totalMinor: row.total_minor.toString(), issueDate: row.issue_date, dueDate: row.due_date,
    },
  })));
  return after;
}

async function loadLinesOf(tx: TxCtx, invoiceIds: readonly string[]): Promise<Map<string, BilledLineRow[]>> {
  const rows = await invoicingDb(tx).selectFrom('invoice_lines').selectAll().where('invoice_id', 'in', [...invoiceIds])
    .orderBy('invoice_id').orderBy('line_number').execute();
  const byInvoice = new Map<string, BilledLineRow[]>();
  for (const row of rows) {
    const own = byInvoice.get(row.invoice_id);
    if (own) own.push(row);
    else byInvoice.set(row.invoice_id, [row]);
  }
  return byInvoice;
}

type IssueColumns = { id: string; number: string; issueDate: string; dueDate: string; journalEntryId: string | null };
const ROWS_PER_UPDATE = 2_000;

/** One UPDATE … FROM unnest(arrays) per slice (one parameter a column): status, number, dates, entry; amount due = total − paid. */
async function markIssued(tx: TxCtx, rows: readonly IssueColumns[]): Promise<Map<string, BilledInvoiceRow>> {
  const now = nowOf(tx);
  const issued = new Map<string, BilledInvoiceRow>();
  for (let i = 0; i < rows.length; i += ROWS_PER_UPDATE) {
    const slice = rows.slice(i, i + ROWS_PER_UPDATE);
    const result = await sql<BilledInvoiceRow>`update invoices as i set status = 'issued', number = v.number, issue_date = v.issue_date::date,
      due_date = v.due_date::date, issued_at = ${now}, amount_due_minor = i.total_minor - i.amount_paid_minor, journal_entry_id = v.journal_entry_id,
      updated_at = ${now}, version = i.version + 1
      from unnest(${slice.map((row) => row.id)}::text[], ${slice.map((row) => row.number)}::text[], ${slice.map((row) => row.issueDate)}::text[],
        ${slice.map((row) => row.dueDate)}::text[], ${slice.map((row) => row.journalEntryId)}::text[]) as v(id, number, issue_date, due_date, journal_entry_id)
      where i.id = v.id and i.status = 'draft' returning i.*`.execute(tx.db);
    for (const row of result.rows) issued.set(row.id, row);
  }
  return issued;
}
