import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * A credit line carries the VAT of the charge it corrects (docs/billing.md "Taxes"), so an invoice
 * can refund more VAT than it charges: a customer who gave a valid VAT id mid-period gets back the
 * 20 % charged on the unused days, while the upgrade on the same invoice is reverse-charged. Its tax
 * is then negative, like a subtotal can be; the total stays ≥ 0 (a net credit is a credit note).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `alter table invoices drop constraint invoices_tax_minor_check;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `alter table invoices add constraint invoices_tax_minor_check check (tax_minor >= 0);`);
}
