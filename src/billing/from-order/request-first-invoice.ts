import type { TxCtx } from '../../shared/context.ts';
import { draftInvoicesForSubscription } from '../invoicing/draft-invoices.ts';

/**
 * Chain step 5: bill what is due on the order's effective date as draft invoices, with the billing
 * run's own code — for a new subscription its first period (in advance) and one-time fees, for an
 * amendment the prorated piece up to the next billing date. The run later bills the rest; it
 * skips what this already billed (draftInvoicesForSubscription is idempotent per period).
 */
export async function requestFirstInvoice(tx: TxCtx, subscriptionId: string, effectiveDate: string): Promise<string[]> {
  const result = await draftInvoicesForSubscription(tx, { subscriptionId, throughDate: effectiveDate });
  return [...result.invoiceIds];
}
