import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Typed custom fields for accounts, contacts, leads and opportunities. Values live in each
 * record's custom_fields jsonb; this table says what a key means. (entity_type, key) identifies a
 * definition and never changes, and neither does its type: stored values were validated against
 * it. There is no delete, only active = false, because records keep their values.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table custom_field_definitions (
      entity_type text not null check (entity_type in ('account','contact','lead','opportunity')),
      key text not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
      label text not null check (length(label) between 1 and 100),
      type text not null check (type in ('text','number','money','date','picklist')),
      picklist_options jsonb check (picklist_options is null or jsonb_typeof(picklist_options) = 'array'),
      required boolean not null default false,
      active boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1 check (version > 0),
      primary key (entity_type, key),
      constraint custom_field_definitions_options_rule check ((type = 'picklist') = (picklist_options is not null))
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table custom_field_definitions;
  `);
}
