import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * What the payments domain adds to billing's payments table for a payment recorded in Revline
 * (API or bank-statement import): the calendar date the money arrived, the statement row key that
 * makes a re-import a no-op, and the journal entry that booked it. Refunds (of unapplied credit)
 * and chargebacks (the bank takes the whole payment back) are their own rows with their own
 * journal entry. A payment's unapplied credit = amount − allocations − refunds − chargebacks,
 * never negative (checked in code under the payment's row lock).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table payment_receipts (
      payment_id text primary key,
      account_id text not null references accounts(id),
      currency char(3) not null,
      amount_minor bigint not null check (amount_minor > 0),
      received_date date not null,
      import_key text check (length(import_key) between 1 and 300),
      journal_entry_id text not null references journal_entries(id),
      created_at timestamptz not null,
      constraint payment_receipts_payment foreign key (payment_id, currency) references payments (id, currency)
    );
    create unique index payment_receipts_import_key on payment_receipts (import_key);
    create index payment_receipts_account on payment_receipts (account_id, currency, received_date);

    create table payment_reversals (
      id text primary key check (id ~ '^rfd_'),
      payment_id text not null references payment_receipts(payment_id),
      kind text not null check (kind in ('refund', 'chargeback')),
      currency char(3) not null,
      amount_minor bigint not null check (amount_minor > 0),
      reversal_date date not null,
      reason text check (length(reason) between 1 and 500),
      journal_entry_id text not null references journal_entries(id),
      created_at timestamptz not null
    );
    create index payment_reversals_payment on payment_reversals (payment_id);
    create unique index payment_reversals_one_chargeback on payment_reversals (payment_id) where kind = 'chargeback';
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table payment_reversals;
    drop table payment_receipts;
  `);
}
