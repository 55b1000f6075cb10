import { findLastSettlementDate } from '../billing/index.ts';
import type { Ctx } from '../shared/context.ts';
import { ruleError } from './apply-allocations.ts';
import type { PaymentDetail } from './schema.ts';
import { todayOf } from './today.ts';

// Dates of money movements (docs/payments.md "Dates"): each is a ledger entry on that date, so an
// impossible date — money refunded before it arrived, paying an invoice not yet issued — would show
// negative cash, AR or customer credit in every report as of the days between.

/**
 * Money is recorded once it has arrived: a payment dated after today (ctx.clock) would post cash
 * that the bank does not hold yet and settle invoices in advance, in every report until that day.
 * The reason a received date is refused, or null.
 */
export function futureReceivedDate(ctx: Ctx, receivedDate: string): string | null {
  const today = todayOf(ctx);
  return receivedDate > today ? `${receivedDate} is after today (${today}); record a payment on or after the day the money arrived` : null;
}

export function assertNotAfterToday(ctx: Ctx, receivedDate: string, field: string): void {
  const refused = futureReceivedDate(ctx, receivedDate);
  if (refused !== null) throw ruleError(field, refused);
}

/** Nothing happens to a payment before it was received. */
export function assertOnOrAfterReceived(payment: Pick<PaymentDetail, 'id' | 'receivedDate'>, date: string, field = 'body.date'): void {
  if (date < payment.receivedDate) throw ruleError(field, `${date} is before payment ${payment.id} was received on ${payment.receivedDate}`);
}

/** Money taken off an invoice comes off on or after the day it was last applied there. */
export async function assertNotBeforeApplied(ctx: Ctx, payment: Pick<PaymentDetail, 'id'>, invoiceId: string, date: string, field = 'body.date'): Promise<void> {
  const last = await findLastSettlementDate(ctx, invoiceId, { type: 'payment', id: payment.id });
  if (last !== null && date < last) throw ruleError(field, `payment ${payment.id} was applied on ${last} to invoice ${invoiceId}; it cannot be taken back on ${date}`);
}

/** The later of two calendar dates (YYYY-MM-DD text orders as dates). */
export function laterDate(a: string, b: string): string {
  return a >= b ? a : b;
}
