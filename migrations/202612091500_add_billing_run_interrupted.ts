import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * A billing run whose process died (kill -9, a crash, a lost machine) left its row 'running' for
 * ever. The next run now marks such a row 'interrupted' (docs/billing.md "Interrupted runs"): a live
 * run holds an advisory lock named after its id, and a 'running' row whose lock nobody holds belongs
 * to a run that is gone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    alter table billing_runs drop constraint billing_runs_status_check;
    alter table billing_runs add constraint billing_runs_status_check check (status in ('running', 'completed', 'interrupted'));
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    update billing_runs set status = 'running' where status = 'interrupted';
    alter table billing_runs drop constraint billing_runs_status_check;
    alter table billing_runs add constraint billing_runs_status_check check (status in ('running', 'completed'));
  `);
}
