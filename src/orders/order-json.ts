import { money, moneyToJson, type MoneyJson } from '../shared/money.ts';
import type { Booking, Order, OrderSummary } from './schema.ts';
import type { BookingRow, OrderLineRow, OrderRow, StoredBookingLine, StoredPeriod } from './tables.ts';

/** snake_case rows → API shapes, the one place the names are mapped. */

export function formatOrderNumber(orderNumber: number): string {
  return `ORD-${String(orderNumber).padStart(6, '0')}`;
}

export function toOrderSummary(row: OrderRow): OrderSummary {
  const of = (minor: bigint): MoneyJson => moneyToJson(money(minor, row.currency));
  return {
    id: row.id, orderNumber: formatOrderNumber(row.order_number), quoteId: row.quote_id, quoteVersionNumber: row.quote_version_number,
    opportunityId: row.opportunity_id, accountId: row.account_id, ownerUserId: row.owner_user_id, currency: row.currency, orderType: row.order_type,
    amendsSubscriptionId: row.amends_subscription_id, renewsSubscriptionId: row.renews_subscription_id, startDate: row.start_date, endDate: row.end_date,
    termMonths: row.term_months, paymentTermsDays: row.payment_terms_days, status: row.status,
    totals: { tcv: of(row.tcv_minor), acv: of(row.acv_minor), firstYear: of(row.first_year_minor), oneTime: of(row.one_time_minor), mrr: of(row.mrr_minor), arr: of(row.arr_minor) },
    provisioning: { status: row.provisioning_status, message: row.provisioning_message, requests: row.provisioning_requests, updatedAt: row.provisioning_updated_at.toISOString() },
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(), version: row.version,
  };
}

export function toOrder(row: OrderRow, lines: OrderLineRow[], booking: BookingRow | undefined): Order {
  const of = (minor: bigint | string): MoneyJson => moneyToJson(money(minor, row.currency));
  return {
    ...toOrderSummary(row),
    lines: lines.map((line) => ({
      id: line.id, lineNumber: line.line_number, quoteLineId: line.quote_line_id, productId: line.product_id, priceId: line.price_id, sku: line.sku,
      productName: line.product_name, description: line.description, productFamily: line.product_family, productType: line.product_type,
      pricingModel: line.pricing_model, billingPeriod: line.billing_period, periodMonths: line.period_months, billingTiming: line.billing_timing,
      quantity: Number(line.quantity), startDate: line.start_date, endDate: line.end_date, net: of(line.net_minor), unitPrice: of(line.unit_price_minor),
      discountBps: line.discount_bps,
      periods: (line.periods as StoredPeriod[]).map((p) => ({ startDate: p.startDate, endDate: p.endDate, amount: of(p.amountMinor) })),
    })),
    booking: booking ? toBooking(booking) : null,
  };
}

export function toBooking(row: BookingRow): Booking {
  const of = (minor: bigint | string): MoneyJson => moneyToJson(money(minor, row.currency));
  return {
    id: row.id, orderId: row.order_id, quoteId: row.quote_id, opportunityId: row.opportunity_id, accountId: row.account_id, ownerUserId: row.owner_user_id,
    bookingType: row.booking_type, tcv: of(row.tcv_minor), acv: of(row.acv_minor), firstYear: of(row.first_year_minor), arrChange: of(row.arr_change_minor),
    lines: (row.lines as StoredBookingLine[]).map((l) => ({ quoteLineId: l.quoteLineId, productFamily: l.productFamily, acv: of(l.acvMinor), firstYear: of(l.firstYearMinor) })),
    bookedDate: row.booked_date, createdAt: row.created_at.toISOString(),
  };
}
