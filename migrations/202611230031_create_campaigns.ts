import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Marketing campaigns. Budget and actual cost are Money in one currency per
 * campaign (STYLE.md "Money": bigint minor units beside a char(3) code); the
 * currency is present exactly when an amount is. end_date is the last day the
 * campaign runs (inclusive, as CRMs show it), so it may equal start_date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table campaigns (
      id text primary key,
      name text not null check (length(name) between 1 and 300),
      type text not null check (type in ('email','event','webinar','advertising','content','social','referral','partner','direct_mail','other')),
      status text not null check (status in ('planned','active','completed','aborted')),
      start_date date,
      end_date date,
      currency char(3) check (currency ~ '^[A-Z]{3}$'),
      budget_minor bigint check (budget_minor >= 0),
      actual_cost_minor bigint check (actual_cost_minor >= 0),
      parent_campaign_id text references campaigns(id),
      owner_user_id text references users(id),
      description text,
      source_system text,
      external_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      deleted_at timestamptz,
      version integer not null default 1 check (version > 0),
      constraint campaigns_dates check (end_date >= start_date),
      constraint campaigns_money_currency check ((budget_minor is null and actual_cost_minor is null) = (currency is null)),
      constraint campaigns_no_self_parent check (parent_campaign_id <> id),
      constraint campaigns_source_pair check ((source_system is null) = (external_id is null))
    );
    create index campaigns_owner on campaigns (owner_user_id) where deleted_at is null;
    create index campaigns_parent on campaigns (parent_campaign_id) where deleted_at is null;
    create index campaigns_name on campaigns (lower(name), id) where deleted_at is null;
    create index campaigns_created on campaigns (created_at, id) where deleted_at is null;
    create unique index campaigns_source_external on campaigns (source_system, external_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table campaigns;
  `);
}
