import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * CRM accounts. The CHECKs guard the format only (membership in ISO 4217 /
 * ISO 3166-1 is checked in code, where the lists live). Partial indexes skip
 * soft-deleted rows because every read filters them out; (lower(name), id)
 * and (created_at, id) serve the keyset pagination orders. The import key
 * (source_system, external_id) stays unique across deleted rows too, so a
 * re-import finds the deleted account instead of creating a twin.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table accounts (
      id text primary key,
      name text not null check (length(name) between 1 and 300),
      domain text check (domain = lower(domain)),
      parent_account_id text references accounts(id),
      segment text,
      industry text,
      country char(2) check (country ~ '^[A-Z]{2}$'),
      employee_band text check (employee_band in ('1-10','11-50','51-200','201-1000','1001-5000','5001+')),
      owner_user_id text references users(id),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      customer_since_date date,
      tax_id text,
      custom_fields jsonb not null default '{}' check (jsonb_typeof(custom_fields) = 'object'),
      source_system text,
      external_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      deleted_at timestamptz,
      version integer not null default 1 check (version > 0),
      constraint accounts_no_self_parent check (parent_account_id <> id),
      constraint accounts_source_pair check ((source_system is null) = (external_id is null))
    );
    create index accounts_owner on accounts (owner_user_id) where deleted_at is null;
    create index accounts_parent on accounts (parent_account_id) where deleted_at is null;
    create index accounts_name on accounts (lower(name), id) where deleted_at is null;
    create index accounts_created on accounts (created_at, id) where deleted_at is null;
    create unique index accounts_source_external on accounts (source_system, external_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table accounts;
  `);
}
