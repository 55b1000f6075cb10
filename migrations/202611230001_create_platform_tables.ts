import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table teams (
      id text primary key,
      name text not null unique,
      manager_user_id text,
      created_at timestamptz not null
    );
    create table users (
      id text primary key,
      email text not null,
      display_name text not null,
      role text not null check (role in ('admin','revops','sales_rep','sales_manager','finance','success','viewer')),
      team_id text references teams(id),
      password_hash text,
      locale text not null default 'en' check (locale in ('en','de','it','ru')),
      disabled_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1
    );
    create unique index users_email_unique on users (lower(email));
    create table sessions (
      token_hash text primary key,
      user_id text not null references users(id),
      csrf_token text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      last_seen_at timestamptz not null,
      revoked_at timestamptz
    );
    create index sessions_user on sessions (user_id);
    create table api_keys (
      id text primary key,
      name text not null,
      role text not null check (role in ('admin','revops','sales_rep','sales_manager','finance','success','viewer')),
      team_id text references teams(id),
      prefix text not null,
      secret_hash text not null unique,
      created_by text not null,
      created_at timestamptz not null,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create table setup_tokens (
      token_hash text primary key,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create table audit_log (
      seq bigint primary key check (seq > 0),
      id text not null unique,
      occurred_at timestamptz not null,
      actor_type text not null,
      actor_id text not null,
      action text not null,
      entity_type text not null,
      entity_id text not null,
      before jsonb,
      after jsonb,
      request_id text,
      prev_hash text not null,
      hash text not null
    );
    create index audit_log_entity on audit_log (entity_type, entity_id, seq);
    create table audit_chain_head (
      id integer primary key check (id = 1),
      last_seq bigint not null,
      last_hash text not null
    );
    insert into audit_chain_head (id, last_seq, last_hash) values (1, 0, repeat('0', 64));
    create table outbox_events (
      seq bigserial unique,
      id text primary key,
      type text not null,
      aggregate_type text not null,
      aggregate_id text not null,
      payload jsonb not null,
      occurred_at timestamptz not null,
      request_id text
    );
    create table event_deliveries (
      id text primary key,
      event_id text not null references outbox_events(id),
      target_kind text not null check (target_kind in ('subscriber','webhook')),
      target text not null,
      status text not null check (status in ('pending','delivered','dead')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      locked_until timestamptz,
      last_error text,
      last_status_code integer,
      delivered_at timestamptz,
      created_at timestamptz not null,
      unique (event_id, target_kind, target)
    );
    create index event_deliveries_due on event_deliveries (next_attempt_at) where status = 'pending';
    create table processed_events (
      subscriber text not null,
      event_id text not null,
      processed_at timestamptz not null,
      primary key (subscriber, event_id)
    );
    create table webhook_endpoints (
      id text primary key,
      url text not null,
      secret text not null,
      event_types jsonb not null,
      description text not null default '',
      enabled boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1
    );
    create table idempotency_keys (
      actor_id text not null,
      key text not null,
      method text not null,
      path text not null,
      request_hash text not null,
      state text not null check (state in ('in_progress','completed')),
      response_status integer,
      response_body jsonb,
      created_at timestamptz not null,
      completed_at timestamptz,
      primary key (actor_id, key)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table idempotency_keys; drop table webhook_endpoints; drop table processed_events;
    drop table event_deliveries; drop table outbox_events; drop table audit_chain_head; drop table audit_log;
    drop table setup_tokens; drop table api_keys; drop table sessions; drop table users; drop table teams;
  `);
}
