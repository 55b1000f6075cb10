import type { Subscriber } from '../shared/events/index.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { z } from 'zod';
import { accrueCommission } from './accrue-commission.ts';
import { bookingRecordedSchema } from './booking-recorded-schema.ts';
import { clawBackCommission } from './claw-back-commission.ts';

/** booking.recorded → commission accrued for the opportunity owner (once per event and per booking). */
export const commissionAccrualSubscriber: Subscriber = {
  name: 'commissions.accrue-on-booking',
  eventTypes: ['booking.recorded'],
  async handle(tx, event) {
    const result = await accrueCommission(tx, parseInput(bookingRecordedSchema, event.payload, 'payload'));
    if ('repUserId' in result) {
      tx.log.info({ bookingId: event.aggregateId, outcome: result.outcome, repUserId: result.repUserId }, 'no commission accrued for booking');
    }
  },
};

const canceledSchema = z.object({ subscriptionId: z.string().min(1), canceledAt: z.iso.datetime({ offset: true }), endDate: z.string() });

/** subscription.canceled → clawback of the accruals on the deals behind it, within each plan's window. */
export const commissionClawbackSubscriber: Subscriber = {
  name: 'commissions.claw-back-on-cancel',
  eventTypes: ['subscription.canceled'],
  async handle(tx, event) {
    await clawBackCommission(tx, parseInput(canceledSchema, event.payload, 'payload'));
  },
};

export const commissionSubscribers: readonly Subscriber[] = [commissionAccrualSubscriber, commissionClawbackSubscriber];
