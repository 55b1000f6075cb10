import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Cash paid back for a credit note's remaining credit (docs/payments.md "Credit notes"): a customer who
 * paid in advance and cancelled is owed the unused time, with no open invoice to settle it against.
 * A credit note's remaining credit is its total − what it settled on invoices − what was refunded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table credit_note_refunds (
      id text primary key check (id ~ '^rfd_'),
      credit_note_id text not null references credit_notes (id),
      account_id text not null,
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      amount_minor bigint not null check (amount_minor > 0),
      refund_date date not null,
      reason text,
      journal_entry_id text not null,
      created_at timestamptz not null
    );
    create index credit_note_refunds_note on credit_note_refunds (credit_note_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `drop table credit_note_refunds;`);
}
