import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The cut-over from an old billing system (docs/billing.md "Imported subscriptions and cut-over"):
 * one date (one row); Revline bills imported subscriptions from it on, the old system billed what
 * lies before it. `billing_cut_over_openings` records, per imported invoice, the open amount taken
 * onto Revline's ledger at cut-over and the opening journal entry that carried it (at most once
 * per invoice: the primary key).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table billing_cut_over (
      id boolean primary key default true check (id),
      cut_over_date date not null,
      updated_at timestamptz not null
    );
    create table billing_cut_over_openings (
      invoice_id text primary key references invoices(id),
      account_id text not null references accounts(id),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      amount_minor bigint not null check (amount_minor > 0),
      cut_over_date date not null,
      journal_entry_id text not null,
      created_at timestamptz not null
    );
    create index billing_cut_over_openings_currency on billing_cut_over_openings (currency);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table billing_cut_over_openings;
    drop table billing_cut_over;
  `);
}
