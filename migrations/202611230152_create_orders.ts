import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Orders and bookings (src/orders, docs/cpq.md "Orders and bookings"), created from an accepted
 * quote by the `quote.accepted` subscriber in one transaction.
 * - One order and one booking per quote (unique quote_id / order_id): a retried event finds them.
 * - Order numbers are gapless (assigned under an advisory lock in the creating transaction).
 * - An order line is one quote line, or one contract year of a ramped line; `periods` is its exact
 *   billing schedule from the priced quote, so Σ periods = net_minor (checked in code) and
 *   Σ line nets = the order's TCV.
 * - A booking's amounts are the accepted quote's; arr_change_minor may be negative (a renewal
 *   that shrinks). Bookings are immutable: a correction is a new order.
 * - quote/opportunity/account ids reference earlier domains' tables; subscription ids are billing's
 *   (a later domain) and stay plain text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table orders (
      id text primary key check (id ~ '^ord_'),
      order_number integer not null check (order_number > 0),
      quote_id text not null references quotes(id),
      quote_version_number integer not null,
      opportunity_id text not null references opportunities(id),
      account_id text not null references accounts(id),
      owner_user_id text references users(id),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      order_type text not null check (order_type in ('new','expansion','renewal')),
      amends_subscription_id text,
      renews_subscription_id text,
      start_date date not null,
      end_date date not null check (end_date > start_date),
      term_months integer not null check (term_months between 1 and 120),
      payment_terms_days integer not null check (payment_terms_days between 0 and 365),
      tcv_minor bigint not null check (tcv_minor >= 0),
      acv_minor bigint not null check (acv_minor >= 0),
      first_year_minor bigint not null check (first_year_minor >= 0),
      one_time_minor bigint not null check (one_time_minor >= 0),
      mrr_minor bigint not null check (mrr_minor >= 0),
      arr_minor bigint not null check (arr_minor >= 0),
      status text not null check (status in ('placed')),
      provisioning_status text not null check (provisioning_status in ('requested','fulfilled','failed')),
      provisioning_message text check (length(provisioning_message) <= 2000),
      provisioning_requests integer not null check (provisioning_requests > 0),
      provisioning_updated_at timestamptz not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1 check (version > 0),
      constraint orders_number unique (order_number),
      constraint orders_quote unique (quote_id),
      constraint orders_id_currency unique (id, currency),
      constraint orders_arr check (arr_minor = 12 * mrr_minor)
    );
    create index orders_account on orders (account_id, id);
    create index orders_opportunity on orders (opportunity_id);
    create index orders_owner on orders (owner_user_id, id);
    create index orders_provisioning on orders (provisioning_status, id);

    create table order_lines (
      id text primary key check (id ~ '^oli_'),
      order_id text not null,
      currency char(3) not null,
      line_number integer not null check (line_number > 0),
      quote_line_id text not null,
      product_id text not null references products(id),
      price_id text not null references prices(id),
      sku text not null,
      product_name text not null,
      description text,
      product_family text,
      product_type text not null check (product_type in ('subscription','one_time','usage')),
      pricing_model text not null,
      billing_period text not null check (billing_period in ('one_time','monthly','quarterly','annual','multi_year')),
      period_months integer check (period_months in (1, 3, 12, 24, 36)),
      billing_timing text not null check (billing_timing in ('in_advance','in_arrears')),
      quantity bigint not null check (quantity >= 0),
      start_date date not null,
      end_date date check (end_date > start_date),
      net_minor bigint not null check (net_minor >= 0),
      unit_price_minor bigint not null check (unit_price_minor >= 0),
      discount_bps integer not null check (discount_bps between 0 and 10000),
      periods jsonb not null check (jsonb_typeof(periods) = 'array'),
      constraint order_lines_order foreign key (order_id, currency) references orders (id, currency),
      constraint order_lines_number unique (order_id, line_number),
      constraint order_lines_one_time check ((billing_period = 'one_time') = (period_months is null))
    );
    create index order_lines_product on order_lines (product_id);

    create table bookings (
      id text primary key check (id ~ '^bkg_'),
      order_id text not null,
      quote_id text not null references quotes(id),
      opportunity_id text not null references opportunities(id),
      account_id text not null references accounts(id),
      owner_user_id text references users(id),
      booking_type text not null check (booking_type in ('new','expansion','renewal')),
      currency char(3) not null,
      tcv_minor bigint not null check (tcv_minor >= 0),
      acv_minor bigint not null check (acv_minor >= 0),
      first_year_minor bigint not null check (first_year_minor >= 0),
      arr_change_minor bigint not null,
      lines jsonb not null check (jsonb_typeof(lines) = 'array'),
      booked_date date not null,
      created_at timestamptz not null,
      constraint bookings_order foreign key (order_id, currency) references orders (id, currency),
      constraint bookings_once unique (order_id)
    );
    create index bookings_booked on bookings (booked_date, id);
    create index bookings_owner on bookings (owner_user_id, booked_date);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table bookings;
    drop table order_lines;
    drop table orders;
  `);
}
