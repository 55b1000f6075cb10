import type { Kysely } from 'kysely';
import type { Ctx } from '../shared/context.ts';
import type { CalendarDate, Json, Timestamp } from '../shared/db/tables.ts';

export type ScheduledJobRunsTable = {
  job: string;
  run_date: CalendarDate;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  attempts: number;
  summary: Json | null;
  last_error: string | null;
};

export type AutomationTables = { scheduled_job_runs: ScheduledJobRunsTable };

export function automationDb(ctx: Ctx): Kysely<AutomationTables> {
  return ctx.db as unknown as Kysely<AutomationTables>;
}
