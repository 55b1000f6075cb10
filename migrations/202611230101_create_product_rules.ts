import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Configuration rules between catalog products, checked when a quote is submitted
 * (src/cpq/check-product-rules.ts): requires (every required product must be on the quote),
 * excludes (never both), addon_of (an add-on needs at least one of its base products),
 * min_qty / max_qty (per line and per ramp year). Rules are data: deactivated, never deleted,
 * so a refusal quoted in the audit log can always be traced to the rule that made it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table product_rules (
      id text primary key check (id ~ '^rul_'),
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind in ('requires','excludes','addon_of','min_qty','max_qty')),
      product_id text not null references products(id),
      related_product_id text references products(id),
      quantity bigint check (quantity >= 0),
      active boolean not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1 check (version > 0),
      constraint product_rules_related check ((kind in ('requires','excludes','addon_of')) = (related_product_id is not null)),
      constraint product_rules_quantity check ((kind in ('min_qty','max_qty')) = (quantity is not null)),
      constraint product_rules_not_self check (related_product_id is distinct from product_id)
    );
    create index product_rules_product on product_rules (product_id) where active;
    create index product_rules_related on product_rules (related_product_id) where active;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table product_rules;
  `);
}
