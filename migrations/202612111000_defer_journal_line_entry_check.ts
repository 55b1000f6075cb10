import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * The billing run writes its journal lines before it takes its gapless numbers (docs/billing.md
 * "Billing run"): everything a chunk writes after its INV block waits, in every other chunk, for the
 * series row, so the rows that need no number go first. A journal line names its entry by id, which
 * is known when the entries are checked; the entry row itself carries the JE number and is written
 * after. So the lines' key to their entry may now be deferred, in a transaction that asks for it
 * (`set constraints journal_lines_entry_id_fkey deferred`), as migration 202612091000 did for invoice
 * lines; everywhere else it stays immediate. The ledger's guards are unchanged: a line for an entry
 * that exists is checked at the end of its statement (journal_lines_balanced), and an entry written
 * in the transaction is checked at commit with all its lines, written before or after it
 * (journal_entries_balanced); the deferred key refuses, at commit, a line whose entry never came.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table journal_lines alter constraint journal_lines_entry_id_fkey deferrable initially immediate;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table journal_lines alter constraint journal_lines_entry_id_fkey not deferrable;
  `);
}
