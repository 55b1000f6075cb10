import { assert } from '../../shared/errors.ts';
import type { Ctx } from '../../shared/context.ts';
import { draftInvoicesForSubscription } from './draft-invoices.ts';
import { loadBilledInvoices, loadCreditNotes, type BilledInvoice, type CreditNote } from './invoice-documents.ts';

export type InvoicePreview = { subscriptionId: string; date: string; invoices: BilledInvoice[]; creditNotes: CreditNote[] };

class PreviewRollback extends Error {
  constructor(readonly preview: InvoicePreview) {
    super('preview rollback');
  }
}

/**
 * What the billing run would bill for one subscription through `date` — computed by the run's own
 * code (draftInvoicesForSubscription, writes included) in a transaction that is then rolled back,
 * so a preview cannot disagree with the invoice (a known flaw of billing engines whose preview is
 * a second implementation). Nothing persists: no invoice, number, audit entry or event.
 */
export async function previewInvoices(ctx: Ctx, input: { subscriptionId: string; date: string }): Promise<InvoicePreview> {
  assert(!ctx.db.isTransaction, 'previewInvoices rolls back its own transaction; call it outside one');
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const tx = { ...ctx, db: trx, pendingAudit: [] };
      const result = await draftInvoicesForSubscription(tx, { subscriptionId: input.subscriptionId, throughDate: input.date });
      throw new PreviewRollback({
        subscriptionId: input.subscriptionId, date: input.date,
        invoices: await loadBilledInvoices(tx, result.invoiceIds), creditNotes: await loadCreditNotes(tx, result.creditNoteIds),
      });
    });
  } catch (error) {
    if (error instanceof PreviewRollback) return error.preview;
    throw error;
  }
  assert(false, 'preview transaction committed');
}
