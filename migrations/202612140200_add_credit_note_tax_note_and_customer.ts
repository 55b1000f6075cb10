import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * A credit note as a document of its own (GET /credit-notes/:id/document.pdf): why it charges no VAT,
 * as the invoice's tax_note (a void: the invoice's note; an adjustment: the tax context's at issue),
 * and the customer as it was when the credit note was issued, as invoices keep theirs
 * (202612131000). Null on credit notes issued before this migration: their documents show the
 * account as it is now and no note.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table credit_notes
      add column tax_note text check (length(tax_note) between 1 and 500),
      -- The same checks as the account's columns, so that copying one never fails an issue.
      add column customer_name text check (length(customer_name) between 1 and 300),
      add column customer_country char(2) check (customer_country ~ '^[A-Z]{2}$'),
      add column customer_tax_id text;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table credit_notes drop column tax_note, drop column customer_name, drop column customer_country, drop column customer_tax_id;
  `);
}
