import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Commissions (src/commissions, docs in its README).
 * - Plans are data: rates (jsonb, validated by the service) by deal type and product family, an
 *   effective range [from, to) and a clawback window in days; reps are assigned in their own table
 *   so "the plan of this rep on this day" is one indexed query.
 * - Entries are immutable (trigger): an accrual per booking at most once (unique booking_id among
 *   accruals), a clawback reverses one accrual at most once (unique reverses_entry_id). Amounts are
 *   minor units beside the currency; an entry's amount is the sum of its lines (checked in code).
 * - booking/order/opportunity/account/subscription ids reference earlier domains as plain text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table commission_plans (
      id text primary key check (id ~ '^cpl_'),
      name text not null check (length(name) between 1 and 200),
      effective_from_date date not null,
      effective_to_date date,
      clawback_days integer not null check (clawback_days between 0 and 3650),
      rates jsonb not null check (jsonb_typeof(rates) = 'array'),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1 check (version > 0),
      constraint commission_plans_dates check (effective_to_date is null or effective_to_date > effective_from_date)
    );

    create table commission_plan_reps (
      plan_id text not null references commission_plans(id) on delete cascade,
      rep_user_id text not null references users(id),
      primary key (plan_id, rep_user_id)
    );
    create index commission_plan_reps_rep on commission_plan_reps (rep_user_id);

    create table commission_entries (
      id text primary key check (id ~ '^cms_'),
      kind text not null check (kind in ('accrual', 'clawback')),
      rep_user_id text not null,
      plan_id text not null references commission_plans(id),
      booking_id text not null check (length(booking_id) between 1 and 100),
      order_id text,
      opportunity_id text,
      account_id text,
      subscription_id text,
      deal_type text not null check (deal_type in ('new', 'expansion', 'renewal')),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      amount_minor bigint not null,
      earned_date date not null,
      booked_date date not null,
      reverses_entry_id text unique references commission_entries(id),
      reason text check (length(reason) <= 500),
      created_at timestamptz not null,
      constraint commission_entries_kind_sign check (
        (kind = 'accrual' and amount_minor >= 0 and reverses_entry_id is null)
        or (kind = 'clawback' and amount_minor <= 0 and reverses_entry_id is not null))
    );
    create unique index commission_entries_booking_accrual on commission_entries (booking_id) where kind = 'accrual';
    create index commission_entries_rep_date on commission_entries (rep_user_id, earned_date, id);
    create index commission_entries_order on commission_entries (order_id) where order_id is not null;

    create table commission_entry_lines (
      entry_id text not null references commission_entries(id),
      line_number integer not null check (line_number > 0),
      product_family text,
      basis text not null check (basis in ('first_year', 'acv')),
      basis_minor bigint not null,
      rate_bps integer not null check (rate_bps between 0 and 10000),
      amount_minor bigint not null,
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      primary key (entry_id, line_number)
    );

    create function commission_entries_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'commission entries are immutable: correct them with a new (reversing) entry'
        using errcode = 'check_violation', constraint = 'commission_entries_immutable';
    end;
    $$;
    create trigger commission_entries_no_change before update or delete on commission_entries
      for each row execute function commission_entries_immutable();
    create trigger commission_entry_lines_no_change before update or delete on commission_entry_lines
      for each row execute function commission_entries_immutable();
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table commission_entry_lines;
    drop table commission_entries;
    drop function commission_entries_immutable();
    drop table commission_plan_reps;
    drop table commission_plans;
  `);
}
