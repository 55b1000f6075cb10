import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Leads and their configurable lifecycle.
 *
 * lead_statuses: admin-defined statuses, each in one fixed funnel stage. A lead
 * carries its status and (denormalized) stage; the composite foreign key keeps
 * the pair consistent, and lets the open-lead e-mail index (the dedupe rule:
 * converted and disqualified leads do not block) be a plain partial index.
 * Stage timestamps are set when a lead first enters a stage and never cleared.
 * lead_status_history is append-only: one row per status a lead has entered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table lead_statuses (
      key text primary key check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
      label text not null check (length(label) between 1 and 100),
      stage text not null check (stage in ('new','mql','sql','converted','disqualified')),
      sort_order integer not null,
      is_default boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1 check (version > 0),
      constraint lead_statuses_key_stage unique (key, stage),
      constraint lead_statuses_default_open check (not is_default or stage in ('new','mql','sql'))
    );
    create unique index lead_statuses_one_default on lead_statuses (is_default) where is_default;
    insert into lead_statuses (key, label, stage, sort_order, is_default, created_at, updated_at) values
      ('new', 'New', 'new', 10, true, now(), now()),
      ('working', 'Working', 'new', 20, false, now(), now()),
      ('mql', 'MQL', 'mql', 30, false, now(), now()),
      ('sql', 'SQL', 'sql', 40, false, now(), now()),
      ('converted', 'Converted', 'converted', 50, false, now(), now()),
      ('disqualified', 'Disqualified', 'disqualified', 60, false, now(), now());

    create table leads (
      id text primary key,
      company text check (length(company) between 1 and 300),
      first_name text check (length(first_name) between 1 and 100),
      last_name text check (length(last_name) between 1 and 100),
      email text check (email = lower(email) and email like '_%@_%'),
      phone text,
      title text,
      country char(2) check (country ~ '^[A-Z]{2}$'),
      source text,
      campaign_id text references campaigns(id),
      owner_user_id text references users(id),
      status text not null,
      stage text not null,
      mql_at timestamptz,
      sql_at timestamptz,
      converted_at timestamptz,
      disqualified_at timestamptz,
      converted_account_id text references accounts(id),
      converted_contact_id text references contacts(id),
      converted_opportunity_id text,
      custom_fields jsonb not null default '{}' check (jsonb_typeof(custom_fields) = 'object'),
      source_system text,
      external_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      deleted_at timestamptz,
      version integer not null default 1 check (version > 0),
      constraint leads_status_fkey foreign key (status, stage) references lead_statuses (key, stage),
      constraint leads_identified check (coalesce(first_name, last_name, email, company) is not null),
      constraint leads_converted_links check ((stage = 'converted') = (converted_account_id is not null and converted_contact_id is not null)),
      constraint leads_stage_timestamps check (
        (stage <> 'mql' or mql_at is not null) and (stage <> 'sql' or sql_at is not null)
        and (stage <> 'converted' or converted_at is not null) and (stage <> 'disqualified' or disqualified_at is not null)
      ),
      constraint leads_source_pair check ((source_system is null) = (external_id is null))
    );
    create unique index leads_open_email on leads (email)
      where deleted_at is null and email is not null and stage not in ('converted', 'disqualified');
    create index leads_email on leads (email) where deleted_at is null;
    create index leads_owner on leads (owner_user_id) where deleted_at is null;
    create index leads_campaign on leads (campaign_id) where deleted_at is null;
    create index leads_status on leads (status) where deleted_at is null;
    create index leads_name on leads ((lower(coalesce(last_name, '') || ' ' || coalesce(first_name, ''))), id) where deleted_at is null;
    create index leads_created on leads (created_at, id) where deleted_at is null;
    create unique index leads_source_external on leads (source_system, external_id);

    create table lead_status_history (
      id bigint generated always as identity primary key,
      lead_id text not null references leads(id),
      from_status text references lead_statuses(key),
      to_status text not null references lead_statuses(key),
      changed_at timestamptz not null,
      actor_type text not null,
      actor_id text not null
    );
    create index lead_status_history_lead on lead_status_history (lead_id, id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table lead_status_history;
    drop table leads;
    drop table lead_statuses;
  `);
}
