import { ownerScope } from '../../crm/index.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import { notFound } from '../../shared/errors.ts';
import { accountInScope } from '../billing-db.ts';
import { invoicingDb, type BilledInvoiceRow } from './tables.ts';

/** The invoice, row-locked, inside the actor's scope; 404 otherwise (existence must not leak). */
export async function lockInvoice(tx: TxCtx, invoiceId: string): Promise<BilledInvoiceRow> {
  const row = await invoicingDb(tx).selectFrom('invoices').selectAll().where('id', '=', invoiceId)
    .where(accountInScope(await ownerScope(tx), 'invoices.account_id')).forUpdate().executeTakeFirst();
  if (!row) throw notFound('invoice', invoiceId);
  return row;
}

export async function loadLines(ctx: Ctx, invoiceId: string) {
  return invoicingDb(ctx).selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoiceId).orderBy('line_number').execute();
}
