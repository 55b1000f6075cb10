import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The seller block of invoice documents (src/billing/document/): legal name, postal address and VAT
 * id. One row, like billing_tax_settings; without it a document names the seller "Revline".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table billing_seller_details (
      id boolean primary key default true check (id),
      legal_name text not null check (length(legal_name) between 1 and 200),
      address text not null check (length(address) <= 1000),
      vat_id text check (length(vat_id) between 1 and 50),
      email text check (length(email) between 3 and 320),
      updated_at timestamptz not null
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table billing_seller_details;
  `);
}
