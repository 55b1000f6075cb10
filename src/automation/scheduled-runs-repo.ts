import { sql } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import { automationDb } from './tables.ts';

export type ScheduledRun = { job: string; runDate: string; startedAt: Date; finishedAt: Date | null; attempts: number; summary: unknown; lastError: string | null };

/** Claims (job, day) for this process: true when the row was new. */
export async function claimNewRun(ctx: Ctx, job: string, runDate: string, now: Date): Promise<boolean> {
  const inserted = await automationDb(ctx).insertInto('scheduled_job_runs')
    .values({ job, run_date: runDate, started_at: now, finished_at: null, attempts: 1, summary: null, last_error: null })
    .onConflict((conflict) => conflict.columns(['job', 'run_date']).doNothing())
    .returning('job').executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Takes over an unfinished run whose last attempt started before `staleBefore` (its process died
 * or it failed): true when this process won it (a compare-and-set on started_at).
 */
export async function claimStaleRun(ctx: Ctx, job: string, runDate: string, staleBefore: Date, now: Date): Promise<boolean> {
  const updated = await automationDb(ctx).updateTable('scheduled_job_runs')
    .set({ started_at: now, attempts: sql<number>`attempts + 1` })
    .where('job', '=', job).where('run_date', '=', runDate)
    .where('finished_at', 'is', null).where('started_at', '<', staleBefore)
    .returning('job').executeTakeFirst();
  return updated !== undefined;
}

export async function finishRun(ctx: Ctx, job: string, runDate: string, now: Date, summary: unknown): Promise<void> {
  await automationDb(ctx).updateTable('scheduled_job_runs')
    .set({ finished_at: now, summary: JSON.stringify(summary), last_error: null })
    .where('job', '=', job).where('run_date', '=', runDate).execute();
}

export async function recordRunError(ctx: Ctx, job: string, runDate: string, message: string): Promise<void> {
  await automationDb(ctx).updateTable('scheduled_job_runs')
    .set({ last_error: message.slice(0, 2000) })
    .where('job', '=', job).where('run_date', '=', runDate).execute();
}

export async function findRun(ctx: Ctx, job: string, runDate: string): Promise<ScheduledRun | null> {
  const row = await automationDb(ctx).selectFrom('scheduled_job_runs').selectAll()
    .where('job', '=', job).where('run_date', '=', runDate).executeTakeFirst();
  if (!row) return null;
  return {
    job: row.job, runDate: row.run_date, startedAt: row.started_at, finishedAt: row.finished_at,
    attempts: row.attempts, summary: row.summary, lastError: row.last_error,
  };
}
