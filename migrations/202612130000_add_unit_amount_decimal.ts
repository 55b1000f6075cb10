import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * A usage unit price below one minor unit (0.0004 EUR per API call) is an exact decimal (STYLE.md
 * "Money"); `unit_amount_minor` holds it rounded (0), which printed as 0.00. Lines keep the exact
 * price beside it, in major units as written ('0.0004'); null for whole-minor-unit prices.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table invoice_lines add column unit_amount_decimal text
      check (unit_amount_decimal ~ '^-?[0-9]{1,18}(\\.[0-9]{1,18})?$');
    alter table credit_note_lines add column unit_amount_decimal text
      check (unit_amount_decimal ~ '^-?[0-9]{1,18}(\\.[0-9]{1,18})?$');
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table invoice_lines drop column unit_amount_decimal;
    alter table credit_note_lines drop column unit_amount_decimal;
  `);
}
