import type { Ctx } from '../../shared/context.ts';
import { notFound } from '../../shared/errors.ts';
import { loadCreditNotes, type CreditNote } from '../invoicing/invoice-documents.ts';
import { invoicingDb } from '../invoicing/tables.ts';
import { settlementDb } from '../settlement/settlement-tables.ts';

export type InvoiceSettlement = {
  sourceType: 'payment' | 'credit_note'; sourceId: string; reason: 'apply' | 'unapply' | 'chargeback';
  amountMinor: bigint; currency: string; effectiveDate: string;
};

/**
 * What settled an invoice, in order (payments and credit notes applied, taken back), and the credit
 * notes written against it (a void's). Read-only, for the invoice page.
 */
export async function listInvoiceSettlements(ctx: Ctx, invoiceId: string): Promise<{ settlements: InvoiceSettlement[]; creditNotes: CreditNote[] }> {
  const invoice = await invoicingDb(ctx).selectFrom('invoices').select('id').where('id', '=', invoiceId).executeTakeFirst();
  if (!invoice) throw notFound('invoice', invoiceId);
  const rows = await settlementDb(ctx).selectFrom('invoice_settlements').selectAll().where('invoice_id', '=', invoiceId).orderBy('id').execute();
  const noteIds = await invoicingDb(ctx).selectFrom('credit_notes').select('id').where('invoice_id', '=', invoiceId).execute();
  return {
    settlements: rows.map((row) => ({
      sourceType: row.source_type, sourceId: row.source_id, reason: row.reason, amountMinor: row.amount_minor, currency: row.currency, effectiveDate: row.effective_date,
    })),
    creditNotes: await loadCreditNotes(ctx, noteIds.map((row) => row.id)),
  };
}
