import { findSubscriptionOrder } from '../billing/index.ts';
import { findOpportunity } from '../crm/index.ts';
import type { TxCtx } from '../shared/context.ts';
import { newId } from '../shared/ids.ts';
import type { BookingRecorded } from './booking-recorded-schema.ts';
import { computeCommissionLines } from './compute-commission.ts';
import { findAccrualOfBooking, insertEntry } from './entry-repo.ts';
import { findPlanOfRep } from './plan-repo.ts';
import type { CommissionEntry } from './schema.ts';

export type AccrualOutcome =
  | { outcome: 'accrued' | 'already_accrued'; entry: CommissionEntry }
  | { outcome: 'no_rep' | 'no_plan' | 'no_rate'; repUserId: string | null };

/**
 * Chain step 6: the opportunity owner earns commission on a booking under the plan they are on
 * on the booked date (rates by deal type and product family, see compute-commission.ts). At most
 * once per booking; without an owner, plan or matching rate nothing is owed and nothing is written.
 */
export async function accrueCommission(tx: TxCtx, booking: BookingRecorded): Promise<AccrualOutcome> {
  const existing = await findAccrualOfBooking(tx, booking.bookingId);
  if (existing) return { outcome: 'already_accrued', entry: existing };
  const opportunity = booking.opportunityId ? await findOpportunity(tx, booking.opportunityId) : null;
  // The opportunity's owner is the rep paid; the booking's owner only stands in when there is none.
  const repUserId = opportunity?.ownerUserId ?? booking.ownerUserId ?? null;
  if (repUserId === null) return { outcome: 'no_rep', repUserId };
  const plan = await findPlanOfRep(tx, repUserId, booking.bookedDate);
  if (!plan) return { outcome: 'no_plan', repUserId };
  const lines = computeCommissionLines(
    booking.lines.map((line) => ({ productFamily: line.productFamily ?? null, acvMinor: line.acvMinor, firstYearMinor: line.firstYearMinor })),
    plan.rates, booking.bookingType, booking.currency,
  );
  if (lines.length === 0) return { outcome: 'no_rate', repUserId };
  const subscriptionOrder = booking.orderId ? await findSubscriptionOrder(tx, booking.orderId) : undefined;
  const entry = await insertEntry(tx, {
    id: newId('cms'), kind: 'accrual', repUserId, planId: plan.id, bookingId: booking.bookingId, orderId: booking.orderId ?? null,
    opportunityId: booking.opportunityId ?? null, accountId: booking.accountId ?? null, subscriptionId: subscriptionOrder?.subscriptionId ?? null,
    dealType: booking.bookingType, currency: booking.currency, earnedDate: booking.bookedDate, bookedDate: booking.bookedDate,
    reversesEntryId: null, reason: null, lines,
  });
  return { outcome: 'accrued', entry };
}
