import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * An item version may carry its exact amount per billing period for the whole quantity, net of
 * every discount (docs/billing.md "Exact amounts"). Items made from an accepted quote's order use it,
 * so billing charges the quote's period amounts to the cent instead of quantity × a rounded unit
 * price. Null (every existing row) keeps the old rule: unit price × quantity × (1 − discount).
 * Additive and nullable: the immutability trigger compares whole rows, so it covers the column too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table subscription_items add column amount_minor bigint check (amount_minor >= 0);
    alter table subscription_items add constraint subscription_items_amount_not_usage check (amount_minor is null or kind <> 'usage');
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table subscription_items drop constraint subscription_items_amount_not_usage;
    alter table subscription_items drop column amount_minor;
  `);
}
