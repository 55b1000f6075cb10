import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * Revenue recognition of adjustment credit notes (docs/billing.md "Ledger"): a credit for unused
 * in-advance time debits deferred revenue when issued, while the invoice line it corrects keeps being
 * recognised to its period end; the credit note's deferred lines are therefore recognised too,
 * negatively, ratably over the days they credit — one row per line and day, like revenue_recognitions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table credit_note_recognitions (
      credit_note_id text not null,
      line_number integer not null,
      recognition_date date not null,
      currency char(3) not null,
      amount_minor bigint not null,
      journal_entry_id text,
      created_at timestamptz not null,
      primary key (credit_note_id, line_number, recognition_date),
      constraint credit_note_recognitions_line foreign key (credit_note_id, line_number) references credit_note_lines (credit_note_id, line_number)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `drop table credit_note_recognitions;`);
}
