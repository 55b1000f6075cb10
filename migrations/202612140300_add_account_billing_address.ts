import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The customer's postal address for invoices (§14 UStG, Art. 226 VAT Directive: the customer's full
 * name and address): one multi-line text, lines separated by "\n" ("Musterstraße 1\n10115 Berlin"),
 * as the seller's address (202612060200). The country stays the account's own column. Normalized in
 * code (src/crm/billing-address.ts: lines trimmed, blank lines dropped, empty → null); the CHECK
 * guards the limits only. Invoices and credit notes copy it when issued, as they copy the name,
 * country and tax id (202612131000, 202612140200), and keep it: null on drafts, imported and older
 * documents, whose documents show the account's address as it is now.
 * The row history of accounts (202612060800) stores whole rows as jsonb: it covers the new column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table accounts
      add column billing_address text check (length(billing_address) between 1 and 500);
    alter table invoices
      -- The same check as the account's column, so that copying one never fails an issue.
      add column customer_address text check (length(customer_address) between 1 and 500);
    alter table credit_notes
      add column customer_address text check (length(customer_address) between 1 and 500);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table credit_notes drop column customer_address;
    alter table invoices drop column customer_address;
    alter table accounts drop column billing_address;
  `);
}
