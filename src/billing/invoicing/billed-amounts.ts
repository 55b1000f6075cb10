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
  return (await loadBilledAmountsFor(ctx, [subscriptionId])).get(subscriptionId) ?? new Map();
}

/** loadBilledAmounts for many subscriptions in two statements; a subscription billed nothing has no entry. */
export async function loadBilledAmountsFor(ctx: Ctx, subscriptionIds: readonly string[]): Promise<Map<string, Map<string, bigint>>> {
  const billed = new Map<string, Map<string, bigint>>();
  if (subscriptionIds.length === 0) return billed;
  const db = invoicingDb(ctx);
  const invoiceLines = await db.selectFrom('invoice_lines').innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
    .select(['invoices.subscription_id as subscriptionId', 'invoice_lines.subscription_item_id as itemId', 'invoice_lines.billing_period_start_date as periodStart', 'invoice_lines.amount_minor as amount'])
    .where('invoices.subscription_id', 'in', [...subscriptionIds]).where('invoices.billing_date', 'is not', null)
    .where('invoice_lines.subscription_item_id', 'is not', null).execute();
  const creditLines = await db.selectFrom('credit_note_lines').innerJoin('credit_notes', 'credit_notes.id', 'credit_note_lines.credit_note_id')
    .select(['credit_notes.subscription_id as subscriptionId', 'credit_note_lines.subscription_item_id as itemId', 'credit_note_lines.billing_period_start_date as periodStart', 'credit_note_lines.amount_minor as amount'])
    .where('credit_notes.subscription_id', 'in', [...subscriptionIds]).where('credit_notes.kind', '=', 'adjustment')
    .where('credit_note_lines.subscription_item_id', 'is not', null).execute();
  for (const line of [...invoiceLines, ...creditLines]) {
    const subscriptionId = String(line.subscriptionId);
    const amounts = billed.get(subscriptionId) ?? new Map<string, bigint>();
    const key = chargeKey(String(line.itemId), line.periodStart);
    amounts.set(key, (amounts.get(key) ?? 0n) + BigInt(line.amount));
    billed.set(subscriptionId, amounts);
  }
  return billed;
}
