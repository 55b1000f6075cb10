import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Bundles: a bundle product includes other products, each with a quantity, either free (paid
 * for by the bundle's own price) or priced at its own price in the quote's price book. One level
 * only (checked in code under a lock): an included product is never itself a bundle.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table bundle_items (
      id text primary key check (id ~ '^bnd_'),
      bundle_product_id text not null references products(id),
      included_product_id text not null references products(id),
      quantity integer not null check (quantity > 0),
      pricing text not null check (pricing in ('free','priced')),
      created_at timestamptz not null,
      constraint bundle_items_not_self check (bundle_product_id <> included_product_id),
      constraint bundle_items_pair unique (bundle_product_id, included_product_id)
    );
    create index bundle_items_included on bundle_items (included_product_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table bundle_items;
  `);
}
