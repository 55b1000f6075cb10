import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The customer an invoice was issued to, as it was then: name, country and tax id are copied from the
 * account when the invoice is issued, and immutable with it (the trigger of 202611230051 refuses any
 * change but payment progress once issued). An account renamed or given a new VAT id later does not
 * change the invoice document. Null on drafts, on imported invoices and on invoices issued before
 * this migration: their documents show the account as it is now (docs/billing.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table invoices
      -- The same checks as the account's columns, so that copying one never fails an issue.
      add column customer_name text check (length(customer_name) between 1 and 300),
      add column customer_country char(2) check (customer_country ~ '^[A-Z]{2}$'),
      add column customer_tax_id text;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table invoices drop column customer_name, drop column customer_country, drop column customer_tax_id;
  `);
}
