import { recordAudit } from '../../shared/audit.ts';
import { inTransaction, type Ctx, type TxCtx } from '../../shared/context.ts';
import { publishEvent } from '../../shared/events/index.ts';
import { nowOf } from '../billing-db.ts';
import { fieldError, ruleError } from '../field-errors.ts';
import { documentDateFor } from './document-dates.ts';
import { lockInvoice, loadLines } from './invoice-lookup.ts';
import { issueCreditNote } from './issue-credit-note.ts';
import { invoicingDb, type BilledInvoiceRow, type CreditNoteRow } from './tables.ts';
import { summary } from './write-invoice-lines.ts';

export type VoidInvoiceInput = { invoiceId: string; reason: string };

/**
 * Voids an issued, unpaid invoice with a credit note for its whole amount (STYLE.md: corrections
 * are new documents). The note mirrors every line with the opposite sign; revenue already
 * recognised from a deferred line is taken back from revenue, the rest from deferred revenue.
 * A paid or part-paid invoice must have its payments unapplied first (payments domain).
 */
export async function voidInvoice(ctx: Ctx, input: VoidInvoiceInput): Promise<{ invoice: BilledInvoiceRow; creditNote: CreditNoteRow }> {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > 1000) throw fieldError('body.reason', 'give a reason of 1–1000 characters');
  return inTransaction(ctx, (tx) => voidLockedInvoice(tx, input.invoiceId, reason));
}

async function voidLockedInvoice(tx: TxCtx, invoiceId: string, reason: string) {
  const before = await lockInvoice(tx, invoiceId);
  if (before.status !== 'issued') throw ruleError('invoiceId', `invoice ${invoiceId} is ${before.status}; only an issued invoice can be voided`);
  if (before.amount_paid_minor > 0n) throw ruleError('invoiceId', `invoice ${before.number} has ${before.amount_paid_minor} paid; unapply its payments before voiding`);
  const lines = await loadLines(tx, invoiceId);
  const recognized = await recognizedByLine(tx, invoiceId);
  const creditNote = await issueCreditNote(tx, {
    kind: 'void', accountId: before.account_id, subscriptionId: before.subscription_id, invoiceId, currency: before.currency,
    issueDate: documentDateFor(tx, null), billingDate: null, reason: `Void of ${before.number}: ${reason}`, taxNote: before.tax_note,
    lines: lines.map((line) => ({
      line_kind: line.amount_minor > 0n ? 'credit' : 'charge', description: line.description, quantity: line.quantity,
      unit_amount_minor: line.unit_amount_minor, unit_amount_decimal: line.unit_amount_decimal ?? null, amount_minor: -line.amount_minor, tax_minor: -line.tax_minor,
      period_start_date: line.period_start_date, period_end_date: line.period_end_date,
      billing_period_start_date: line.billing_period_start_date, billing_period_end_date: line.billing_period_end_date,
      billable_days: line.billable_days, period_days: line.period_days, note: line.note, recognition: line.recognition,
      revenue_kind: line.revenue_kind, subscription_item_id: line.subscription_item_id,
      tax_rate_bps: line.tax_rate_bps, tax_inclusive: line.tax_inclusive,
    })),
    recognizedMinor: lines.map((line) => -(recognized.get(line.line_number) ?? 0n)),
  });
  const after = await invoicingDb(tx).updateTable('invoices')
    .set({ status: 'void', voided_at: nowOf(tx), amount_due_minor: 0n, updated_at: nowOf(tx), version: before.version + 1 })
    .where('id', '=', invoiceId).returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, { action: 'void', entityType: 'invoice', entityId: invoiceId, before: summary(before), after: { ...summary(after), creditNoteId: creditNote.id, reason } });
  await publishEvent(tx, {
    type: 'invoice.voided', aggregateType: 'invoice', aggregateId: invoiceId,
    payload: { invoiceId, number: before.number, creditNoteId: creditNote.id, creditNoteNumber: creditNote.number, accountId: before.account_id },
  });
  return { invoice: after, creditNote };
}

async function recognizedByLine(tx: TxCtx, invoiceId: string): Promise<Map<number, bigint>> {
  const rows = await invoicingDb(tx).selectFrom('revenue_recognitions').select(['line_number', (eb) => eb.fn.sum<string>('amount_minor').as('amount')])
    .where('invoice_id', '=', invoiceId).groupBy('line_number').execute();
  return new Map(rows.map((row) => [row.line_number, BigInt(row.amount)]));
}
