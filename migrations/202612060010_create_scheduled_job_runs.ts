import type { Kysely } from 'kysely';
import { runSqlScript } from '../src/shared/db/run-script.ts';

/**
 * One row per scheduled job and day (the daily billing, recognition and dunning run). Inserting the
 * row claims the day, so two serving processes never run the same day twice at once; finished_at
 * stays null until every step is done, so a run killed half-way is picked up again (each step is
 * idempotent). `summary` keeps the counts the run reported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table scheduled_job_runs (
      job text not null check (length(job) between 1 and 100),
      run_date date not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      attempts integer not null default 1 check (attempts >= 1),
      summary jsonb,
      last_error text,
      primary key (job, run_date)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    drop table scheduled_job_runs;
  `);
}
