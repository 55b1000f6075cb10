import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Prices as immutable versions (src/catalog/README.md, docs/pricing.md). A price change inserts
 * version n+1 and closes version n by setting superseded_at to the new version's effective_at;
 * the trigger refuses every other update and every delete, so a quote that references a version
 * keeps exactly the terms it was priced with. A version is in effect over
 * [effective_at, superseded_at); at most one version per (book, product) is open.
 * Amounts are exact decimal text in major units (sub-cent allowed), rounded only when a document
 * line is priced; min_price_minor is per billable unit per period in the book's currency.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table prices (
      id text primary key check (id ~ '^price_'),
      price_book_id text not null,
      product_id text not null references products(id),
      version integer not null check (version > 0),
      currency char(3) not null,
      pricing_model text not null check (pricing_model in ('flat','per_unit','tiered','volume','package','usage')),
      billing_period text not null check (billing_period in ('one_time','monthly','quarterly','annual','multi_year')),
      period_months integer,
      billing_timing text not null check (billing_timing in ('in_advance','in_arrears')),
      unit_amount text check (unit_amount ~ '^[0-9]{1,15}([.][0-9]{1,10})?$'),
      tiers jsonb check (jsonb_typeof(tiers) = 'array' and jsonb_array_length(tiers) between 1 and 50),
      package_size integer check (package_size > 0),
      min_price_minor bigint check (min_price_minor >= 0),
      max_discount_bps integer check (max_discount_bps between 0 and 10000),
      effective_at timestamptz not null,
      superseded_at timestamptz check (superseded_at >= effective_at),
      created_at timestamptz not null,
      constraint prices_price_book foreign key (price_book_id, currency) references price_books (id, currency),
      -- "is not distinct from", not "=": a CHECK that evaluates to null passes.
      constraint prices_period_months check (case billing_period
        when 'one_time' then period_months is null
        when 'monthly' then period_months is not distinct from 1
        when 'quarterly' then period_months is not distinct from 3
        when 'annual' then period_months is not distinct from 12
        else period_months is not distinct from 24 or period_months is not distinct from 36 end),
      constraint prices_tiers check ((pricing_model in ('tiered','volume')) = (tiers is not null)),
      constraint prices_unit_amount check ((pricing_model in ('tiered','volume')) = (unit_amount is null)),
      constraint prices_package check ((pricing_model = 'package') = (package_size is not null)),
      constraint prices_usage check (pricing_model <> 'usage' or (billing_timing = 'in_arrears' and billing_period <> 'one_time')),
      constraint prices_version unique (price_book_id, product_id, version)
    );
    create unique index prices_open on prices (price_book_id, product_id) where superseded_at is null;
    create index prices_product on prices (product_id);

    create function prices_refuse_rewrite() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'price versions are never deleted'
          using errcode = 'object_not_in_prerequisite_state', hint = 'Set a new price version instead.';
      end if;
      if (to_jsonb(new) - 'superseded_at') is distinct from (to_jsonb(old) - 'superseded_at')
         or old.superseded_at is not null then
        raise exception 'price version % is immutable except closing it once', old.id
          using errcode = 'object_not_in_prerequisite_state', hint = 'Set a new price version instead.';
      end if;
      return new;
    end;
    $$;
    create trigger prices_versions_immutable
      before update or delete on prices
      for each row execute function prices_refuse_rewrite();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table prices;
    drop function prices_refuse_rewrite();
  `);
}
