import { applyToInvoice, findCreditNoteBalances, findOpenInvoices } from '../billing/index.ts';
import { recordAudit } from '../shared/audit.ts';
import { inTransaction, type Ctx } from '../shared/context.ts';
import { money } from '../shared/money.ts';
import { laterDate } from './operation-dates.ts';
import { fillOldestFirst } from './plan-application.ts';
import { todayOf } from './today.ts';

export type CreditNoteApplication = { creditNoteId: string; invoiceId: string; amountMinor: bigint };

/**
 * Applies an account's open credit notes (adjustments not tied to an invoice) to its open
 * invoices in the same currency: oldest credit note first, oldest invoice first. No journal
 * entry: the credit note credited AR when it was issued; this only settles invoices against it.
 */
export async function applyCreditNotes(ctx: Ctx, input: { accountId: string; currency: string; date?: string }): Promise<CreditNoteApplication[]> {
  const date = input.date ?? todayOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const applications: CreditNoteApplication[] = [];
    for (const note of await findCreditNoteBalances(tx, { accountId: input.accountId, currency: input.currency, lock: true })) {
      const open = await findOpenInvoices(tx, input.accountId, input.currency);
      if (open.length === 0) break;
      const plan = fillOldestFirst(note.remainingMinor, open);
      for (const allocation of plan) {
        // Settled once both documents exist: a note or an invoice issued after `date` settles on its issue date.
        const issued = open.find((invoice) => invoice.id === allocation.invoiceId)?.issueDate ?? date;
        const effectiveDate = laterDate(laterDate(date, note.issueDate), issued);
        await applyToInvoice(tx, { invoiceId: allocation.invoiceId, amount: money(allocation.amountMinor, note.currency), source: { type: 'credit_note', id: note.creditNoteId }, effectiveDate });
        applications.push({ creditNoteId: note.creditNoteId, ...allocation });
      }
      if (plan.length > 0) {
        await recordAudit(tx, { action: 'apply', entityType: 'credit_note', entityId: note.creditNoteId, before: { remainingMinor: note.remainingMinor }, after: { applications: plan } });
      }
    }
    return applications;
  });
}
