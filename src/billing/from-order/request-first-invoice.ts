import type { TxCtx } from '../../shared/context.ts';
import { draftInvoicesForWrittenSubscription } from '../invoicing/draft-invoices.ts';
import type { SubscriptionDetail } from '../subscription-schema.ts';

/**
 * Chain step 5: bill what is due on the order's effective date as draft invoices, with the billing
 * run's own code — for a new subscription its first period (in advance) and one-time fees, for an
 * amendment the prorated piece up to the next billing date. The run later bills the rest; it
 * skips what this already billed (draftInvoicesForSubscription is idempotent per period).
 */
export async function requestFirstInvoice(tx: TxCtx, subscription: SubscriptionDetail, effectiveDate: string): Promise<string[]> {
  // The subscription as this transaction just wrote it: billed without reading it again.
  const result = await draftInvoicesForWrittenSubscription(tx, subscription, effectiveDate);
  return [...result.invoiceIds];
}
