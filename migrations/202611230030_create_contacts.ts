import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * CRM contacts. E-mail is stored normalized (trimmed, lower case; the CHECK keeps
 * every writer honest, imports included) and is unique among live contacts: the
 * dedupe rule from the data-model issue. A contact needs something to call it by
 * (a name or an e-mail). Indexes follow accounts: partial on live rows, with the
 * keyset orders (name expression, created_at) ending in id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table contacts (
      id text primary key,
      account_id text references accounts(id),
      first_name text check (length(first_name) between 1 and 100),
      last_name text check (length(last_name) between 1 and 100),
      email text check (email = lower(email) and email like '_%@_%'),
      phone text,
      title text,
      owner_user_id text references users(id),
      mailing_country char(2) check (mailing_country ~ '^[A-Z]{2}$'),
      custom_fields jsonb not null default '{}' check (jsonb_typeof(custom_fields) = 'object'),
      source_system text,
      external_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      deleted_at timestamptz,
      version integer not null default 1 check (version > 0),
      constraint contacts_identified check (coalesce(first_name, last_name, email) is not null),
      constraint contacts_source_pair check ((source_system is null) = (external_id is null))
    );
    create unique index contacts_email on contacts (email) where deleted_at is null and email is not null;
    create index contacts_account on contacts (account_id) where deleted_at is null;
    create index contacts_owner on contacts (owner_user_id) where deleted_at is null;
    create index contacts_name on contacts ((lower(coalesce(last_name, '') || ' ' || coalesce(first_name, ''))), id) where deleted_at is null;
    create index contacts_created on contacts (created_at, id) where deleted_at is null;
    create unique index contacts_source_external on contacts (source_system, external_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table contacts;
  `);
}
