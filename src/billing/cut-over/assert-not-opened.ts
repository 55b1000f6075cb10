import type { TxCtx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { cutOverDb } from './cut-over-tables.ts';

/**
 * Refuses a re-import that changes the payment progress of an imported invoice whose open amount
 * was taken onto the ledger at cut-over. Why: the opening entry put exactly that amount in AR; a
 * payment the old system recorded afterwards would lower the invoice but never the ledger. From
 * the opening on, payments on the invoice are recorded in Revline (Dr cash / Cr AR).
 */
export async function assertNotOpenedAtCutOver(tx: TxCtx, invoiceId: string): Promise<void> {
  const opened = await cutOverDb(tx).selectFrom('billing_cut_over_openings').select(['amount_minor', 'journal_entry_id', 'cut_over_date'])
    .where('invoice_id', '=', invoiceId).executeTakeFirst();
  if (!opened) return;
  const detail = `invoice ${invoiceId} was taken onto the ledger at the cut-over ${opened.cut_over_date} with ${opened.amount_minor} due (entry ${opened.journal_entry_id}); record later payments in Revline instead of re-importing them`;
  throw new AppError('conflict', detail, { fieldErrors: [{ field: 'body.amountPaidMinor', message: detail }] });
}
