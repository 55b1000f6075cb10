import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The import engine's identity map: which Revline record a (source system, entity, external id)
 * became. Written in the same transaction as the record, so it is exactly as durable as the
 * record. Relations between imported files resolve through it (an opportunity's AccountId finds
 * the account id) for every entity, including those whose table has no external-id columns
 * (campaign members, stage history), and re-imports find the record to compare against.
 * last_run_id: the last run that read the key, so that a second row with the same external id in
 * one run is caught as a duplicate (in the database, not in memory: files of any size).
 * links: the Revline ids the record's references resolved to when it was last written
 * ({"accountId": "acct_…"}), so a row can reach a record through another one (usage names a
 * subscription; its account is the subscription's) without reading the domain's tables.
 * merged: the key was linked to a record that already existed under another identity (a contact
 * with the same e-mail), so re-imports report it as merged and leave that record alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table import_keys (
      source_system text not null check (length(source_system) between 1 and 50),
      entity text not null check (entity ~ '^[a-z][a-z_]{0,49}$'),
      external_id text not null check (length(external_id) between 1 and 200),
      record_id text not null,
      merged boolean not null default false,
      links jsonb not null default '{}' check (jsonb_typeof(links) = 'object'),
      import_run_id text not null references import_runs(id),
      last_run_id text not null references import_runs(id),
      created_at timestamptz not null,
      primary key (source_system, entity, external_id)
    );
    create index import_keys_record on import_keys (entity, record_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table import_keys;
  `);
}
