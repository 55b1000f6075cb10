import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Opportunities and their stage history. won and closed_at are written from the stage's kind
 * in the same statement as the stage (the CHECKs hold the parts SQL can see): an open opportunity
 * has no closed_at, a won one has one, and only a lost one has a lost reason.
 * campaign_id has no FK: campaigns are built in parallel and may arrive by import later.
 * Stage history: one row per stay in a stage, left_at null while current, at most one current
 * row per opportunity (partial unique index). Non-overlap of imported rows is checked in code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table opportunities (
      id text primary key,
      account_id text not null references accounts(id),
      name text not null check (length(name) between 1 and 300),
      type text not null check (type in ('new','expansion','renewal')),
      amount_minor bigint not null check (amount_minor >= 0),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      stage_key text not null references pipeline_stages(key),
      probability_bps integer not null check (probability_bps between 0 and 10000),
      close_date date not null,
      owner_user_id text references users(id),
      source text,
      campaign_id text,
      forecast_category text not null check (forecast_category in ('pipeline','best_case','commit','closed','omitted')),
      lost_reason text,
      closed_at timestamptz,
      won boolean not null default false,
      custom_fields jsonb not null default '{}' check (jsonb_typeof(custom_fields) = 'object'),
      source_system text,
      external_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      deleted_at timestamptz,
      version integer not null default 1 check (version > 0),
      constraint opportunities_source_pair check ((source_system is null) = (external_id is null)),
      constraint opportunities_won_is_closed check (not won or closed_at is not null),
      constraint opportunities_lost_reason_only_lost check (lost_reason is null or (closed_at is not null and not won))
    );
    create index opportunities_account on opportunities (account_id) where deleted_at is null;
    create index opportunities_owner on opportunities (owner_user_id) where deleted_at is null;
    create index opportunities_stage on opportunities (stage_key) where deleted_at is null;
    create index opportunities_close_date on opportunities (close_date, id) where deleted_at is null;
    create index opportunities_amount on opportunities (currency, amount_minor, id) where deleted_at is null;
    create index opportunities_name on opportunities (lower(name), id) where deleted_at is null;
    create index opportunities_created on opportunities (created_at, id) where deleted_at is null;
    create unique index opportunities_source_external on opportunities (source_system, external_id);

    create table opportunity_stage_history (
      id bigint generated always as identity primary key,
      opportunity_id text not null references opportunities(id),
      stage_key text not null references pipeline_stages(key),
      entered_at timestamptz not null,
      left_at timestamptz,
      amount_minor bigint not null check (amount_minor >= 0),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      actor_id text not null,
      constraint opportunity_stage_history_order check (left_at is null or left_at >= entered_at)
    );
    create index opportunity_stage_history_opportunity on opportunity_stage_history (opportunity_id, entered_at);
    create unique index opportunity_stage_history_one_current on opportunity_stage_history (opportunity_id) where left_at is null;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table opportunity_stage_history;
    drop table opportunities;
  `);
}
