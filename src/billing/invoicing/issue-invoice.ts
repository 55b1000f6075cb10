import { recordAudit } from '../../shared/audit.ts';
import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { parsePlainDate, toIsoDate } from '../../shared/dates.ts';
import { publishEvent } from '../../shared/events/index.ts';
import { nowOf } from '../billing-db.ts';
import { ruleError } from '../field-errors.ts';
import { documentDateFor } from './document-dates.ts';
import { nextDocumentNumber } from './document-numbers.ts';
import { postDocumentEntry } from './document-posting.ts';
import { lockInvoice, loadLines } from './invoice-lookup.ts';
import { invoicingDb, netAmountMinor, type BilledInvoiceRow } from './tables.ts';
import { summary } from './write-invoice-lines.ts';

/** Payment terms: due 30 days after issue (net 30), docs/billing.md "Issue". */
export const PAYMENT_TERMS_DAYS = 30;

export type IssueInvoiceInput = { invoiceId: string };

/**
 * Issues a draft: takes the next gapless number of INV-<year of issue>, posts Dr AR / Cr deferred
 * revenue or revenue / Cr tax payable, freezes the invoice (trigger), announces invoice.issued —
 * all in one transaction, so a failure leaves a draft and no number used.
 */
export async function issueInvoice(ctx: Ctx, input: IssueInvoiceInput): Promise<BilledInvoiceRow> {
  return inTransaction(ctx, (tx) => issueLockedInvoice(tx, input.invoiceId));
}

async function issueLockedInvoice(tx: TxCtx, invoiceId: string): Promise<BilledInvoiceRow> {
  const before = await lockInvoice(tx, invoiceId);
  if (before.status !== 'draft') throw ruleError('invoiceId', `invoice ${invoiceId} is ${before.status}; only a draft can be issued`);
  const issueDate = documentDateFor(tx, before.billing_date);
  const number = await nextDocumentNumber(tx, 'INV', issueDate);
  const lines = await loadLines(tx, invoiceId);
  const journalEntryId = await postDocumentEntry(tx, {
    lines: lines.map((line) => ({ amountMinor: netAmountMinor(line), taxMinor: line.tax_minor, recognition: line.recognition, revenueKind: line.revenue_kind })),
    sign: 1n, currency: before.currency, entryDate: issueDate, description: `Invoice ${number}`, source: { type: 'invoice', id: invoiceId },
    refs: { accountId: before.account_id, invoiceId, ...(before.subscription_id ? { subscriptionId: before.subscription_id } : {}) },
  });
  const after = await invoicingDb(tx).updateTable('invoices').set({
    status: 'issued', number, issue_date: issueDate, due_date: toIsoDate(parsePlainDate(issueDate).add({ days: PAYMENT_TERMS_DAYS })),
    issued_at: nowOf(tx), amount_due_minor: before.total_minor - before.amount_paid_minor, journal_entry_id: journalEntryId,
    updated_at: nowOf(tx), version: before.version + 1,
  }).where('id', '=', invoiceId).returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, { action: 'issue', entityType: 'invoice', entityId: invoiceId, before: summary(before), after: summary(after) });
  await publishEvent(tx, {
    type: 'invoice.issued', aggregateType: 'invoice', aggregateId: invoiceId,
    payload: {
      invoiceId, number, accountId: after.account_id, subscriptionId: after.subscription_id, currency: after.currency,
      totalMinor: after.total_minor.toString(), issueDate, dueDate: after.due_date,
    },
  });
  return after;
}
