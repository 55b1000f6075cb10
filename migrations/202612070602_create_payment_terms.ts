import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Payment terms (docs/billing.md "Payment terms"): the default for every account (one row) and an
 * account's own terms. `net` N = due N days after issue; `due_on_receipt` = due on the issue date
 * (days 0); `end_of_month` N = due N days after the last day of the issue month. Without any row
 * the built-in default is net 30, the rule before this migration. Issued invoices keep the due date
 * they were issued with: terms apply at issue only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table billing_payment_terms_default (
      id boolean primary key default true check (id),
      kind text not null check (kind in ('net', 'due_on_receipt', 'end_of_month')),
      days integer not null check (days between 0 and 365),
      updated_at timestamptz not null,
      constraint billing_payment_terms_default_receipt check (kind <> 'due_on_receipt' or days = 0)
    );
    create table account_payment_terms (
      account_id text primary key references accounts(id),
      kind text not null check (kind in ('net', 'due_on_receipt', 'end_of_month')),
      days integer not null check (days between 0 and 365),
      updated_at timestamptz not null,
      constraint account_payment_terms_receipt check (kind <> 'due_on_receipt' or days = 0)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table account_payment_terms;
    drop table billing_payment_terms_default;
  `);
}
