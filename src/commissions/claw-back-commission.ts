import { listOrdersOfSubscription } from '../billing/index.ts';
import type { TxCtx } from '../shared/context.ts';
import { parsePlainDate, toIsoDate } from '../shared/dates.ts';
import { newId } from '../shared/ids.ts';
import { insertEntry, listOpenAccrualsOfOrders } from './entry-repo.ts';
import { getPlan } from './plan-repo.ts';
import type { CommissionEntry } from './schema.ts';

export type SubscriptionCanceled = { subscriptionId: string; canceledAt: string; endDate: string };

/**
 * Clawback: when a deal's contract is canceled within the plan's window after the booking
 * (cancellation day − booked day ≤ clawbackDays), each open accrual on the orders behind the
 * subscription is reversed in full by a new entry, earned on the cancellation day (so it lands in
 * that month's statement; the original month stays as it was). Accruals already reversed are
 * skipped, so a replay or a second cancellation takes nothing twice.
 */
export async function clawBackCommission(tx: TxCtx, canceled: SubscriptionCanceled): Promise<CommissionEntry[]> {
  const orders = await listOrdersOfSubscription(tx, canceled.subscriptionId);
  const accruals = await listOpenAccrualsOfOrders(tx, orders.map((order) => order.orderId));
  const canceledDate = toIsoDate(parsePlainDate(canceled.canceledAt.slice(0, 10)));
  const reversals: CommissionEntry[] = [];
  for (const accrual of accruals) {
    const plan = await getPlan(tx, accrual.planId);
    const daysAfterBooking = parsePlainDate(accrual.bookedDate).until(parsePlainDate(canceledDate), { largestUnit: 'day' }).days;
    if (daysAfterBooking > plan.clawbackDays) continue;
    reversals.push(await insertEntry(tx, {
      ...accrual,
      id: newId('cms'),
      kind: 'clawback',
      subscriptionId: canceled.subscriptionId,
      earnedDate: canceledDate,
      reversesEntryId: accrual.id,
      reason: `Subscription ${canceled.subscriptionId} canceled ${daysAfterBooking} day(s) after booking (window ${plan.clawbackDays})`,
      lines: accrual.lines.map((line) => ({ ...line, amountMinor: -line.amountMinor })),
    }));
  }
  return reversals;
}
