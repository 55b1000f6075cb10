import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * GET /api/v1/credit-notes pages credit notes by issue date, then number (newest first by default, keyset),
 * as finance reads them ("which credit notes did we issue this month"): this index serves that order
 * and the issue-date range filter without sorting every credit note for each page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `create index credit_notes_issue_date on credit_notes (issue_date, number);`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `drop index credit_notes_issue_date;`);
}
