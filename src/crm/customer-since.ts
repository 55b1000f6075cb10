import { z } from 'zod';
import type { Subscriber } from '../shared/events/index.ts';
import type { TxCtx } from '../shared/context.ts';
import { plainDateSchema } from '../shared/validation/field-schemas.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { findAccountRow, updateAccountRow } from './repo.ts';

// What this reads of orders' `order.placed` payload (docs/cpq.md "Orders and bookings"); the rest is ignored.
const orderPlacedSchema = z.object({ accountId: z.string().min(1), startDate: plainDateSchema });

/**
 * An account becomes a customer with its first order: its "customer since" day is the day that
 * order's service starts (as HubSpot's "became a customer" date is set when a deal makes it one).
 * A day already there is kept — typed in, imported from the system before, or set by an earlier
 * order — unless this order starts earlier (an order back-dated before the first). The change is
 * an ordinary account update: audited, versioned, in the account's row history.
 */
export async function recordCustomerSince(tx: TxCtx, accountId: string, startDate: string): Promise<void> {
  const before = await findAccountRow(tx, { kind: 'all' }, accountId, 'update');
  if (!before) return; // merged away or deleted since: nothing to mark
  if (before.customer_since_date !== null && before.customer_since_date <= startDate) return;
  await updateAccountRow(tx, before, { customer_since_date: startDate, updated_at: new Date(tx.clock.now().epochMilliseconds) }, 'update');
}

export const customerSinceSubscriber: Subscriber = {
  name: 'crm.customer-since-from-order',
  eventTypes: ['order.placed'],
  async handle(tx, event) {
    const order = parseInput(orderPlacedSchema, event.payload, 'payload');
    await recordCustomerSince(tx, order.accountId, order.startDate);
  },
};
