import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * How a usage item's metered events become an amount (docs/billing.md "Usage"): the aggregation of a
 * period's events (sum, count, max, unique count, latest), the price model (per unit, graduated,
 * volume, package) and an optional minimum commitment. Null — every item before this — is the sum of
 * events at the item's unit price, as before. Only usage items have it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table subscription_items add column usage_pricing jsonb;
    alter table subscription_items add constraint subscription_items_usage_pricing check (usage_pricing is null or kind = 'usage');
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `alter table subscription_items drop constraint subscription_items_usage_pricing, drop column usage_pricing;`);
}
