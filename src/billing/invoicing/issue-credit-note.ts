import { recordAudit } from '../../shared/audit.ts';
import type { TxCtx } from '../../shared/context.ts';
import { publishEvent } from '../../shared/events/index.ts';
import { assert } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { nowOf } from '../billing-db.ts';
import { customerColumns, readCustomersAtIssue } from './customer-at-issue.ts';
import { nextDocumentNumber } from './document-numbers.ts';
import { postDocumentEntry, type PostingLine } from './document-posting.ts';
import { invoicingDb, netAmountMinor, type CreditNoteLinesTable, type CreditNoteRow } from './tables.ts';

export type CreditNoteLineColumns = Omit<CreditNoteLinesTable, 'credit_note_id' | 'line_number' | 'created_at' | 'currency' | 'tax_rate_bps' | 'tax_inclusive' | 'unit_amount_decimal'>
  & { tax_rate_bps: number | null; tax_inclusive: boolean; unit_amount_decimal: string | null };

export type NewCreditNote = {
  kind: 'void' | 'adjustment';
  accountId: string;
  subscriptionId: string | null;
  invoiceId: string | null;
  currency: string;
  issueDate: string;
  billingDate: string | null;
  reason: string;
  /** Why the credit charges no VAT, as on the invoice it corrects (tax-note.ts); null when it does or nothing says. */
  taxNote: string | null;
  /** Signed like invoice lines: a credit is negative; the note's total is the credit, positive. */
  lines: CreditNoteLineColumns[];
  /** Per line, the part of a deferred amount already recognised (reversed from revenue, not deferred). */
  recognizedMinor?: bigint[];
};

/**
 * Issues a credit note: numbered CN-YYYY-nnnnnn in the caller's transaction, posted to the ledger
 * (the reverse of an invoice), audited, announced as credit_note.issued. Immutable from here on.
 */
export async function issueCreditNote(tx: TxCtx, note: NewCreditNote): Promise<CreditNoteRow> {
  const db = invoicingDb(tx);
  const now = nowOf(tx);
  const id = newId('cn', tx.clock.now().epochMilliseconds);
  const subtotal = note.lines.reduce((sum, line) => sum + netAmountMinor(line), 0n);
  const tax = note.lines.reduce((sum, line) => sum + line.tax_minor, 0n);
  const postingLines: PostingLine[] = note.lines.map((line, index) => ({
    amountMinor: netAmountMinor(line), taxMinor: line.tax_minor, recognition: line.recognition, revenueKind: line.revenue_kind,
    recognizedMinor: note.recognizedMinor?.[index] ?? 0n,
  }));
  // The customer as it is now, copied onto the credit note as invoices keep theirs at issue.
  const customer = (await readCustomersAtIssue(tx, [note.accountId])).get(note.accountId);
  assert(customer, `credit note for account ${note.accountId}: the account is not found`);
  const number = await nextDocumentNumber(tx, 'CN', note.issueDate);
  // A credit note's lines are negative on the invoice's scale: posting them with the invoice's
  // sign (+1) already debits revenue and credits AR.
  const journalEntryId = await postDocumentEntry(tx, {
    lines: postingLines, sign: 1n, currency: note.currency, entryDate: note.issueDate, description: `Credit note ${number}`,
    source: { type: 'credit_note', id }, refs: { accountId: note.accountId, ...(note.invoiceId ? { invoiceId: note.invoiceId } : {}) },
  });
  const row = await db.insertInto('credit_notes').values({
    id, number, kind: note.kind, account_id: note.accountId, subscription_id: note.subscriptionId, invoice_id: note.invoiceId,
    currency: note.currency, issue_date: note.issueDate, billing_date: note.billingDate, subtotal_minor: subtotal, tax_minor: tax,
    total_minor: -(subtotal + tax), reason: note.reason, journal_entry_id: journalEntryId, issued_at: now, created_at: now,
    tax_note: note.taxNote, ...customerColumns(customer),
  }).returningAll().executeTakeFirstOrThrow();
  if (note.lines.length > 0) {
    await db.insertInto('credit_note_lines').values(note.lines.map((line, index) => ({
      ...line, credit_note_id: id, line_number: index + 1, currency: note.currency, created_at: now,
    }))).execute();
  }
  const payload = {
    creditNoteId: id, number, kind: note.kind, invoiceId: note.invoiceId, accountId: note.accountId, subscriptionId: note.subscriptionId,
    currency: note.currency, totalMinor: row.total_minor.toString(), issueDate: note.issueDate,
  };
  await recordAudit(tx, { action: 'issue', entityType: 'credit_note', entityId: id, before: null, after: { ...payload, reason: note.reason, lines: note.lines.length } });
  await publishEvent(tx, { type: 'credit_note.issued', aggregateType: 'credit_note', aggregateId: id, payload });
  return row;
}
