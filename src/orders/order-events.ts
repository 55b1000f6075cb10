import type { TxCtx } from '../shared/context.ts';
import { publishEvent, type NewEvent } from '../shared/events/index.ts';
import { formatOrderNumber } from './order-json.ts';
import type { BookingRow, OrderLineRow, OrderRow, StoredBookingLine, StoredPeriod } from './tables.ts';

/** The chain's events, shapes as in docs/cpq.md "Orders and bookings" (money as minor-unit strings). */

export function orderPlacedEvent(order: OrderRow, lines: OrderLineRow[], booking: BookingRow): NewEvent {
  return {
    type: 'order.placed',
    aggregateType: 'order',
    aggregateId: order.id,
    payload: {
      orderId: order.id, orderNumber: formatOrderNumber(order.order_number), quoteId: order.quote_id, quoteVersionNumber: order.quote_version_number,
      opportunityId: order.opportunity_id, accountId: order.account_id, ownerUserId: order.owner_user_id, currency: order.currency,
      orderType: order.order_type, amendsSubscriptionId: order.amends_subscription_id, renewsSubscriptionId: order.renews_subscription_id,
      startDate: order.start_date, endDate: order.end_date, termMonths: order.term_months, paymentTermsDays: order.payment_terms_days, bookingId: booking.id,
      totals: {
        tcvMinor: String(order.tcv_minor), acvMinor: String(order.acv_minor), firstYearMinor: String(order.first_year_minor),
        mrrMinor: String(order.mrr_minor), arrMinor: String(order.arr_minor), oneTimeMinor: String(order.one_time_minor),
      },
      lines: lines.map((line) => ({
        orderLineId: line.id, lineNumber: line.line_number, quoteLineId: line.quote_line_id, productId: line.product_id, priceId: line.price_id,
        sku: line.sku, productName: line.product_name, description: line.description, productFamily: line.product_family, productType: line.product_type,
        pricingModel: line.pricing_model, billingPeriod: line.billing_period, periodMonths: line.period_months, billingTiming: line.billing_timing,
        quantity: Number(line.quantity), startDate: line.start_date, endDate: line.end_date, netMinor: String(line.net_minor),
        unitPriceMinor: String(line.unit_price_minor), discountBps: line.discount_bps, periods: line.periods as StoredPeriod[],
      })),
    },
  };
}

export function bookingRecordedEvent(booking: BookingRow): NewEvent {
  return {
    type: 'booking.recorded',
    aggregateType: 'booking',
    aggregateId: booking.id,
    payload: {
      bookingId: booking.id, orderId: booking.order_id, quoteId: booking.quote_id, opportunityId: booking.opportunity_id, accountId: booking.account_id,
      ownerUserId: booking.owner_user_id, bookingType: booking.booking_type, currency: booking.currency, tcvMinor: String(booking.tcv_minor),
      acvMinor: String(booking.acv_minor), firstYearMinor: String(booking.first_year_minor), arrChangeMinor: String(booking.arr_change_minor),
      lines: (booking.lines as StoredBookingLine[]).map((l) => ({ quoteLineId: l.quoteLineId, productFamily: l.productFamily, acvMinor: l.acvMinor, firstYearMinor: l.firstYearMinor })),
      bookedDate: booking.booked_date,
    },
  };
}

export function provisioningRequestedEvent(order: OrderRow, lines: OrderLineRow[]): NewEvent {
  return {
    type: 'provisioning.requested',
    aggregateType: 'order',
    aggregateId: order.id,
    payload: {
      orderId: order.id, orderNumber: formatOrderNumber(order.order_number), accountId: order.account_id, request: order.provisioning_requests,
      entitlements: lines.map((line) => ({
        orderLineId: line.id, productId: line.product_id, sku: line.sku, quantity: Number(line.quantity), startDate: line.start_date, endDate: line.end_date,
      })),
    },
  };
}

export async function publishProvisioningRequested(tx: TxCtx, order: OrderRow, lines: OrderLineRow[]): Promise<void> {
  await publishEvent(tx, provisioningRequestedEvent(order, lines));
}

export async function publishProvisioningOutcome(tx: TxCtx, order: OrderRow): Promise<void> {
  await publishEvent(tx, {
    type: order.provisioning_status === 'fulfilled' ? 'provisioning.fulfilled' : 'provisioning.failed',
    aggregateType: 'order',
    aggregateId: order.id,
    payload: {
      orderId: order.id, orderNumber: formatOrderNumber(order.order_number), accountId: order.account_id, status: order.provisioning_status,
      message: order.provisioning_message, at: order.provisioning_updated_at.toISOString(),
    },
  });
}
