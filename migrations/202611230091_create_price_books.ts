import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Price books: one currency and one sales channel each. Validity is a half-open date range
 * [valid_from_date, valid_to_date), either end open when null. At most one live default per
 * (currency, channel), and a default is active. The currency never changes (prices reference
 * (id, currency), so a price's currency is its book's, enforced by the foreign key).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table price_books (
      id text primary key check (id ~ '^pbk_'),
      name text not null check (length(name) between 1 and 200),
      description text check (length(description) between 1 and 2000),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      channel text not null check (channel in ('direct','self_service','partner')),
      valid_from_date date,
      valid_to_date date,
      active boolean not null,
      is_default boolean not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      deleted_at timestamptz,
      version integer not null default 1 check (version > 0),
      constraint price_books_validity check (valid_from_date is null or valid_to_date is null or valid_to_date > valid_from_date),
      constraint price_books_default_active check (not is_default or active),
      constraint price_books_id_currency unique (id, currency)
    );
    create unique index price_books_default on price_books (currency, channel) where is_default and deleted_at is null;
    create index price_books_name on price_books (lower(name), id) where deleted_at is null;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table price_books;
  `);
}
