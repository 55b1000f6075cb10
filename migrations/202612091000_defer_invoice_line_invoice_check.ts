import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The billing run writes the invoices it issues as issued, lines first (docs/billing.md "Billing
 * run"), instead of inserting a draft and updating it: the update wrote every row twice, with all of
 * its indexes. Lines may be written only onto a draft (the trigger of 202611230051) — a line whose
 * invoice does not exist yet passes the trigger, and the foreign key to its invoice is what refuses
 * it. So that key may now be deferred, in a transaction that asks for it (`set constraints
 * invoice_lines_invoice deferred`): the run's chunk writes an issued invoice's lines, then the
 * invoice, and the key is checked at commit. Everywhere else it stays immediate. A line for an
 * invoice that exists and is not a draft is refused by the trigger as before, deferred or not.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table invoice_lines alter constraint invoice_lines_invoice deferrable initially immediate;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table invoice_lines alter constraint invoice_lines_invoice not deferrable;
  `);
}
