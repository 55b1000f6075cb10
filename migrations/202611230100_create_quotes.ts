import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Quotes and their lines (src/cpq/README.md, docs/cpq.md). A quote belongs to an opportunity and
 * is priced from one price book, in the book's currency (the composite FK keeps them equal); each
 * line keeps the exact immutable price version it was priced with, so it re-prices identically.
 * Revisions are new rows numbered per opportunity (version_number) that supersede the old one.
 * The totals are stored, computed exactly by src/cpq/price-quote.ts; the CHECKs hold the
 * identities SQL can see: TCV = list − line discounts − header discount = one-time + recurring,
 * ARR = 12 × MRR, and a line's net = list − its discount − its share of the header discount.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table quotes (
      id text primary key check (id ~ '^quo_'),
      opportunity_id text not null references opportunities(id),
      account_id text not null references accounts(id),
      quote_type text not null check (quote_type in ('new','expansion','renewal')),
      price_book_id text not null,
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      status text not null check (status in ('draft','pending_approval','approved','rejected','sent','accepted','expired','superseded')),
      version_number integer not null check (version_number > 0),
      revised_from_quote_id text references quotes(id),
      start_date date not null,
      term_months integer not null check (term_months between 1 and 120),
      payment_terms_days integer not null check (payment_terms_days between 0 and 365),
      expires_on_date date not null,
      owner_user_id text references users(id),
      discount_percent_bps integer check (discount_percent_bps between 0 and 10000),
      discount_amount_minor bigint check (discount_amount_minor >= 0),
      list_minor bigint not null check (list_minor >= 0),
      line_discount_minor bigint not null check (line_discount_minor >= 0),
      header_discount_minor bigint not null check (header_discount_minor >= 0),
      tcv_minor bigint not null check (tcv_minor >= 0),
      one_time_minor bigint not null check (one_time_minor >= 0),
      recurring_minor bigint not null check (recurring_minor >= 0),
      acv_minor bigint not null check (acv_minor >= 0),
      first_year_minor bigint not null check (first_year_minor >= 0),
      mrr_minor bigint not null check (mrr_minor >= 0),
      arr_minor bigint not null check (arr_minor >= 0),
      year_amounts jsonb not null check (jsonb_typeof(year_amounts) = 'array'),
      submitted_by text,
      submitted_at timestamptz,
      approved_at timestamptz,
      sent_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      deleted_at timestamptz,
      version integer not null default 1 check (version > 0),
      constraint quotes_price_book foreign key (price_book_id, currency) references price_books (id, currency),
      constraint quotes_one_discount check (discount_percent_bps is null or discount_amount_minor is null),
      constraint quotes_totals check (
        tcv_minor = list_minor - line_discount_minor - header_discount_minor
        and tcv_minor = one_time_minor + recurring_minor
        and arr_minor = 12 * mrr_minor),
      constraint quotes_version_number unique (opportunity_id, version_number),
      constraint quotes_id_currency unique (id, currency)
    );
    create index quotes_owner on quotes (owner_user_id, id) where deleted_at is null;
    create index quotes_opportunity on quotes (opportunity_id, version_number) where deleted_at is null;
    create index quotes_account on quotes (account_id, id) where deleted_at is null;
    create index quotes_status on quotes (status, id) where deleted_at is null;

    create table quote_lines (
      id text primary key check (id ~ '^li_'),
      quote_id text not null,
      currency char(3) not null,
      line_number integer not null check (line_number > 0),
      product_id text not null references products(id),
      price_id text not null references prices(id),
      description text check (length(description) between 1 and 1000),
      quantity bigint not null check (quantity >= 0),
      ramp jsonb check (jsonb_typeof(ramp) = 'array' and jsonb_array_length(ramp) between 1 and 10),
      discount_percent_bps integer check (discount_percent_bps between 0 and 10000),
      discount_amount_minor bigint check (discount_amount_minor >= 0),
      one_time boolean not null,
      list_minor bigint not null check (list_minor >= 0),
      discount_minor bigint not null check (discount_minor >= 0),
      header_discount_minor bigint not null check (header_discount_minor >= 0),
      net_minor bigint not null check (net_minor >= 0),
      first_year_minor bigint not null check (first_year_minor >= 0),
      mrr_minor bigint not null check (mrr_minor >= 0),
      period_amounts jsonb not null check (jsonb_typeof(period_amounts) = 'array'),
      year_amounts jsonb not null check (jsonb_typeof(year_amounts) = 'array'),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint quote_lines_quote foreign key (quote_id, currency) references quotes (id, currency),
      constraint quote_lines_number unique (quote_id, line_number),
      constraint quote_lines_one_discount check (discount_percent_bps is null or discount_amount_minor is null),
      constraint quote_lines_net check (net_minor = list_minor - discount_minor - header_discount_minor)
    );
    create index quote_lines_product on quote_lines (product_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table quote_lines;
    drop table quotes;
  `);
}
