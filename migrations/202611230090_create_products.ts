import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Catalog products (src/catalog/README.md). Edited in place with optimistic concurrency
 * (version) and an audit row per write: what must never change under a signed quote is the
 * price, and prices are immutable versions of their own (the prices table). Soft delete keeps
 * the row for the prices and quotes that point at it; a SKU is unique, case-insensitively,
 * among live products only, so a retired SKU can be reused.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table products (
      id text primary key check (id ~ '^prod_'),
      sku text not null check (sku ~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}$'),
      name text not null check (length(name) between 1 and 300),
      description text check (length(description) between 1 and 5000),
      family text check (length(family) between 1 and 100),
      type text not null check (type in ('subscription','one_time','usage')),
      revenue_category text not null check (revenue_category ~ '^[a-z][a-z0-9_]{0,62}$'),
      tax_category text check (length(tax_category) between 1 and 100),
      unit_of_measure text not null check (length(unit_of_measure) between 1 and 50),
      active boolean not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      deleted_at timestamptz,
      version integer not null default 1 check (version > 0)
    );
    create unique index products_sku on products (lower(sku)) where deleted_at is null;
    create index products_family on products (family, id) where deleted_at is null;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table products;
  `);
}
