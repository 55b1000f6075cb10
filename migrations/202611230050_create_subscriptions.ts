import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Subscriptions and their effective-dated item versions (src/billing/README.md).
 * - Periods are half-open [start, end): end_date is the first day without service.
 * - Money is bigint minor units beside char(3) currency (STYLE.md "Money"); an item's currency is
 *   its subscription's, enforced by the composite foreign key on (subscription_id, currency).
 * - An item version is never rewritten: the trigger allows only closing an open version
 *   (effective_to_date null → a date). Non-overlap of versions per item key is checked in code
 *   under the subscription's row lock; the partial unique index keeps at most one open version.
 * - Calendar billing anchors on a 1 January so periods of 1, 3, 12, 24 or 36 months fall on
 *   calendar months, quarters and years; anniversary billing anchors on any day (clamped later).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table subscriptions (
      id text primary key check (id ~ '^sub_'),
      account_id text not null references accounts(id),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      status text not null check (status in ('trialing','active','paused','canceled','ended')),
      plan_label text check (length(plan_label) between 1 and 200),
      start_date date not null,
      trial_end_date date check (trial_end_date > start_date),
      end_date date check (end_date >= start_date),
      cancel_date date,
      canceled_at timestamptz,
      billing_mode text not null check (billing_mode in ('calendar','anniversary')),
      billing_anchor_date date not null,
      auto_renew boolean not null,
      source_system text,
      external_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1 check (version > 0),
      constraint subscriptions_source_pair check ((source_system is null) = (external_id is null)),
      constraint subscriptions_cancel_pair check ((cancel_date is null) = (canceled_at is null)),
      constraint subscriptions_cancel_ends check (cancel_date is null or cancel_date = end_date),
      constraint subscriptions_finished_has_end check (status not in ('canceled','ended') or end_date is not null),
      constraint subscriptions_calendar_anchor check (billing_mode = 'anniversary' or to_char(billing_anchor_date, 'MM-DD') = '01-01'),
      constraint subscriptions_id_currency unique (id, currency)
    );
    create unique index subscriptions_source_external on subscriptions (source_system, external_id);
    create index subscriptions_account on subscriptions (account_id, id);
    create index subscriptions_status on subscriptions (status, id);

    create table subscription_items (
      id bigint generated always as identity primary key,
      subscription_id text not null,
      currency char(3) not null,
      item_key text not null check (item_key ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$'),
      description text check (length(description) between 1 and 500),
      kind text not null check (kind in ('recurring','one_time','usage')),
      quantity bigint not null check (quantity >= 0),
      unit_price_minor bigint not null check (unit_price_minor >= 0),
      unit_price_decimal text check (unit_price_decimal ~ '^[0-9]+([.][0-9]+)?$'),
      discount_bps integer not null check (discount_bps between 0 and 10000),
      billing_interval_months integer check (billing_interval_months in (1, 3, 12, 24, 36)),
      timing text not null check (timing in ('in_advance','in_arrears')),
      effective_from_date date not null,
      effective_to_date date check (effective_to_date > effective_from_date),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint subscription_items_subscription foreign key (subscription_id, currency) references subscriptions (id, currency),
      constraint subscription_items_interval check ((kind = 'one_time') = (billing_interval_months is null)),
      constraint subscription_items_usage_in_arrears check (kind <> 'usage' or timing = 'in_arrears'),
      constraint subscription_items_decimal_for_usage check (unit_price_decimal is null or kind = 'usage')
    );
    create unique index subscription_items_open on subscription_items (subscription_id, item_key) where effective_to_date is null;
    create unique index subscription_items_start on subscription_items (subscription_id, item_key, effective_from_date);

    create function subscription_items_refuse_rewrite() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'subscription item versions are never deleted'
          using errcode = 'object_not_in_prerequisite_state', hint = 'Close the version with effective_to_date instead.';
      end if;
      if (to_jsonb(new) - array['effective_to_date', 'updated_at']) is distinct from (to_jsonb(old) - array['effective_to_date', 'updated_at'])
         or (old.effective_to_date is not null and new.effective_to_date is distinct from old.effective_to_date) then
        raise exception 'subscription item version % is immutable except closing it once', old.id
          using errcode = 'object_not_in_prerequisite_state', hint = 'Insert a new version from the change date instead.';
      end if;
      return new;
    end;
    $$;
    create trigger subscription_items_versions_immutable
      before update or delete on subscription_items
      for each row execute function subscription_items_refuse_rewrite();

    create table subscription_pauses (
      id bigint generated always as identity primary key,
      subscription_id text not null references subscriptions(id),
      start_date date not null,
      end_date date check (end_date > start_date),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create unique index subscription_pauses_open on subscription_pauses (subscription_id) where end_date is null;
    create index subscription_pauses_subscription on subscription_pauses (subscription_id, start_date);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table subscription_pauses;
    drop table subscription_items;
    drop function subscription_items_refuse_rewrite();
    drop table subscriptions;
  `);
}
