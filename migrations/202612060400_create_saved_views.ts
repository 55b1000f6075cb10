import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Named list filters a user saved (web pipeline list, leads list): private to that user, so the
 * owner is part of every key. `filters` is the list's query string as a flat JSON object of
 * strings; the list endpoint validates it again on use. No soft delete: a view is a preference,
 * its deletion is kept in the audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table saved_views (
      id text primary key,
      user_id text not null check (length(user_id) between 1 and 100),
      scope text not null check (scope in ('opportunities', 'leads')),
      name text not null check (length(name) between 1 and 100),
      filters jsonb not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1
    );
    create unique index saved_views_user_scope_name on saved_views (user_id, scope, lower(name));
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table saved_views;
  `);
}
