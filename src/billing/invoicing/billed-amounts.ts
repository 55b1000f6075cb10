import type { Ctx } from '../../shared/context.ts';
import { chargeKey, type ChargedTax } from './charge-types.ts';
import { invoicingDb } from './tables.ts';

/**
 * Per subscription, what its history holds for the run to plan with (planLines). Billed per charge
 * key: every line of the engine's invoices (drafts and voided ones included — a void waives a charge,
 * the run must not bill it again) plus the lines of adjustment credit notes; void credit notes are
 * left out (they only mirror the voided invoice, which already counts). Waived: the lines of voided
 * invoices, per key. Charged tax: the tax treatment of each key's latest charge line. A waived charge
 * is neither billed again nor credited again, and a credit is taxed like the charge it corrects. Two
 * statements for all the subscriptions; one billed nothing has no entry.
 */
export async function loadBillingHistoryFor(ctx: Ctx, subscriptionIds: readonly string[]): Promise<Map<string, BillingHistory>> {
  const histories = new Map<string, BillingHistory>();
  if (subscriptionIds.length === 0) return histories;
  const db = invoicingDb(ctx);
  const invoiceLines = await db.selectFrom('invoice_lines').innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
    .select([
      'invoices.subscription_id as subscriptionId', 'invoices.status as status', 'invoice_lines.subscription_item_id as itemId', 'invoice_lines.billing_period_start_date as periodStart', 'invoice_lines.amount_minor as amount',
      'invoices.billing_date as billingDate', 'invoices.billing_sequence as billingSequence', 'invoice_lines.tax_rate_bps as taxRateBps', 'invoice_lines.tax_inclusive as taxInclusive',
    ])
    .where('invoices.subscription_id', 'in', [...subscriptionIds]).where('invoices.billing_date', 'is not', null)
    .where('invoice_lines.subscription_item_id', 'is not', null).execute();
  const creditLines = await db.selectFrom('credit_note_lines').innerJoin('credit_notes', 'credit_notes.id', 'credit_note_lines.credit_note_id')
    .select(['credit_notes.subscription_id as subscriptionId', 'credit_note_lines.subscription_item_id as itemId', 'credit_note_lines.billing_period_start_date as periodStart', 'credit_note_lines.amount_minor as amount'])
    .where('credit_notes.subscription_id', 'in', [...subscriptionIds]).where('credit_notes.kind', '=', 'adjustment')
    .where('credit_note_lines.subscription_item_id', 'is not', null).execute();
  const historyOf = (subscriptionId: string): BillingHistory => {
    const known = histories.get(subscriptionId);
    if (known) return known;
    const history: BillingHistory = { billed: new Map(), waived: new Map(), chargedTax: new Map() };
    histories.set(subscriptionId, history);
    return history;
  };
  const latestCharge = new Map<string, string>();
  for (const line of invoiceLines) {
    const subscriptionId = String(line.subscriptionId);
    const history = historyOf(subscriptionId);
    const key = chargeKey(String(line.itemId), line.periodStart);
    history.billed.set(key, (history.billed.get(key) ?? 0n) + BigInt(line.amount));
    if (line.status === 'void') history.waived.set(key, (history.waived.get(key) ?? 0n) + BigInt(line.amount));
    if (BigInt(line.amount) <= 0n) continue;
    // The latest charge of the key (billing date, then sequence): the one a credit now corrects.
    const order = `${line.billingDate ?? ''}|${String(line.billingSequence ?? 0).padStart(9, '0')}`;
    const seen = latestCharge.get(`${subscriptionId}|${key}`);
    if (seen !== undefined && order < seen) continue;
    latestCharge.set(`${subscriptionId}|${key}`, order);
    history.chargedTax.set(key, { rateBps: line.taxRateBps ?? 0, inclusive: line.taxInclusive });
  }
  for (const line of creditLines) {
    const history = historyOf(String(line.subscriptionId));
    const key = chargeKey(String(line.itemId), line.periodStart);
    history.billed.set(key, (history.billed.get(key) ?? 0n) + BigInt(line.amount));
  }
  return histories;
}

export type BillingHistory = { billed: Map<string, bigint>; waived: Map<string, bigint>; chargedTax: Map<string, ChargedTax> };
