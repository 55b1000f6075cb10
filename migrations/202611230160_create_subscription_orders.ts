import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The link from an order to the subscription it created or amended (src/billing/from-order).
 * - order_id is the primary key: an order takes effect on subscriptions at most once, whether it
 *   creates one (new, renewal) or amends one (expansion). A column on subscriptions could only
 *   guard creation; one subscription is amended by many orders.
 * - order_id / quote_id / opportunity_id reference earlier domains and stay plain text (no FKs
 *   into tables billing does not own).
 * - invoice_ids are the first-invoice drafts requested right after, for the links view.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table subscription_orders (
      order_id text primary key check (length(order_id) between 1 and 100),
      subscription_id text not null references subscriptions(id),
      action text not null check (action in ('create', 'amend')),
      order_type text not null check (order_type in ('new', 'expansion', 'renewal')),
      quote_id text check (length(quote_id) between 1 and 100),
      opportunity_id text check (length(opportunity_id) between 1 and 100),
      account_id text not null,
      effective_date date not null,
      invoice_ids jsonb not null default '[]' check (jsonb_typeof(invoice_ids) = 'array'),
      created_at timestamptz not null
    );
    create index subscription_orders_subscription on subscription_orders (subscription_id, created_at);
    create index subscription_orders_quote on subscription_orders (quote_id) where quote_id is not null;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, 'drop table subscription_orders;');
}
