import type { Ctx } from '../../shared/context.ts';
import { chargeKey } from './charge-types.ts';
import { invoicingDb } from './tables.ts';

/**
 * What has been billed per charge key for one subscription: every line of the engine's invoices
 * (drafts and voided ones included — a void waives a charge, the run must not bill it again) plus
 * the lines of adjustment credit notes. Void credit notes are left out: they only mirror the
 * voided invoice, which already counts.
 */
export async function loadBilledAmounts(ctx: Ctx, subscriptionId: string): Promise<Map<string, bigint>> {
  const db = invoicingDb(ctx);
  const invoiceLines = await db.selectFrom('invoice_lines').innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
    .select(['invoice_lines.subscription_item_id as itemId', 'invoice_lines.billing_period_start_date as periodStart', 'invoice_lines.amount_minor as amount'])
    .where('invoices.subscription_id', '=', subscriptionId).where('invoices.billing_date', 'is not', null)
    .where('invoice_lines.subscription_item_id', 'is not', null).execute();
  const creditLines = await db.selectFrom('credit_note_lines').innerJoin('credit_notes', 'credit_notes.id', 'credit_note_lines.credit_note_id')
    .select(['credit_note_lines.subscription_item_id as itemId', 'credit_note_lines.billing_period_start_date as periodStart', 'credit_note_lines.amount_minor as amount'])
    .where('credit_notes.subscription_id', '=', subscriptionId).where('credit_notes.kind', '=', 'adjustment')
    .where('credit_note_lines.subscription_item_id', 'is not', null).execute();
  const billed = new Map<string, bigint>();
  for (const line of [...invoiceLines, ...creditLines]) {
    const key = chargeKey(String(line.itemId), line.periodStart);
    billed.set(key, (billed.get(key) ?? 0n) + BigInt(line.amount));
  }
  return billed;
}
