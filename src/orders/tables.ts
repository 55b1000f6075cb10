import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CalendarDate, Json, Timestamp } from '../shared/db/tables.ts';

// The value lists mirror the CHECKs in migrations/202611230152_create_orders.ts.
export const ORDER_TYPES = ['new', 'expansion', 'renewal'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
export const ORDER_STATUSES = ['placed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const PROVISIONING_STATUSES = ['requested', 'fulfilled', 'failed'] as const;
export type ProvisioningStatus = (typeof PROVISIONING_STATUSES)[number];

type BigIntColumn = ColumnType<bigint, bigint, bigint>;

export type OrdersTable = {
  id: string;
  order_number: number;
  quote_id: string;
  quote_version_number: number;
  opportunity_id: string;
  account_id: string;
  owner_user_id: string | null;
  currency: string;
  order_type: OrderType;
  amends_subscription_id: string | null;
  renews_subscription_id: string | null;
  start_date: CalendarDate;
  end_date: CalendarDate;
  term_months: number;
  payment_terms_days: number;
  tcv_minor: BigIntColumn;
  acv_minor: BigIntColumn;
  first_year_minor: BigIntColumn;
  one_time_minor: BigIntColumn;
  mrr_minor: BigIntColumn;
  arr_minor: BigIntColumn;
  status: OrderStatus;
  provisioning_status: ProvisioningStatus;
  provisioning_message: string | null;
  provisioning_requests: number;
  provisioning_updated_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};

/** [{ startDate, endDate | null, amountMinor }]: the exact billing schedule of the line. */
export type StoredPeriod = { startDate: string; endDate: string | null; amountMinor: string };

export type OrderLinesTable = {
  id: string;
  order_id: string;
  currency: string;
  line_number: number;
  quote_line_id: string;
  product_id: string;
  price_id: string;
  sku: string;
  product_name: string;
  description: string | null;
  product_family: string | null;
  product_type: 'subscription' | 'one_time' | 'usage';
  pricing_model: string;
  billing_period: 'one_time' | 'monthly' | 'quarterly' | 'annual' | 'multi_year';
  period_months: number | null;
  billing_timing: 'in_advance' | 'in_arrears';
  quantity: BigIntColumn;
  start_date: CalendarDate;
  end_date: CalendarDate | null;
  net_minor: BigIntColumn;
  unit_price_minor: BigIntColumn;
  discount_bps: number;
  periods: Json;
};

/** [{ productFamily, acvMinor, firstYearMinor }] per quote line. */
export type StoredBookingLine = { quoteLineId: string; productFamily: string | null; acvMinor: string; firstYearMinor: string };

export type BookingsTable = {
  id: string;
  order_id: string;
  quote_id: string;
  opportunity_id: string;
  account_id: string;
  owner_user_id: string | null;
  booking_type: OrderType;
  currency: string;
  tcv_minor: BigIntColumn;
  acv_minor: BigIntColumn;
  first_year_minor: BigIntColumn;
  arr_change_minor: BigIntColumn;
  lines: Json;
  booked_date: CalendarDate;
  created_at: Timestamp;
};

export type OrderRow = Selectable<OrdersTable>;
export type OrderLineRow = Selectable<OrderLinesTable>;
export type BookingRow = Selectable<BookingsTable>;
export type OrderTables = { orders: OrdersTable; order_lines: OrderLinesTable; bookings: BookingsTable };
