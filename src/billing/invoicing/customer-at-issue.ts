import type { TxCtx } from '../../shared/context.ts';
import { invoicingDb, type BilledInvoiceRow, type CreditNoteRow } from './tables.ts';

/** The customer a document was issued to, as it was then; address: lines separated by "\n" (null: the account had none). */
export type CustomerAtIssue = { name: string; country: string | null; taxId: string | null; address: string | null };

/** The columns an invoice or credit note keeps its customer in (migrations 202612131000, 202612140200, 202612140300). */
export type CustomerColumns = Pick<BilledInvoiceRow, 'customer_name' | 'customer_country' | 'customer_tax_id' | 'customer_address'>;

/** The accounts' customer details as they are now, one read for all of them (a batch of invoices, or one credit note). */
export async function readCustomersAtIssue(tx: TxCtx, accountIds: readonly string[]): Promise<Map<string, CustomerAtIssue>> {
  const rows = await invoicingDb(tx).selectFrom('accounts').select(['id', 'name', 'country', 'tax_id', 'billing_address'])
    .where('id', 'in', [...new Set(accountIds)]).execute();
  return new Map(rows.map((row) => [row.id, { name: row.name, country: row.country, taxId: row.tax_id, address: row.billing_address }]));
}

export function customerColumns(customer: CustomerAtIssue): CustomerColumns {
  return { customer_name: customer.name, customer_country: customer.country, customer_tax_id: customer.taxId, customer_address: customer.address };
}

/** What a stored document kept; null when it kept nothing (a draft, an imported or an older document). */
export function customerAtIssueOf(row: BilledInvoiceRow | CreditNoteRow): CustomerAtIssue | null {
  if (row.customer_name === null) return null;
  return { name: row.customer_name, country: row.customer_country, taxId: row.customer_tax_id, address: row.customer_address ?? null };
}
