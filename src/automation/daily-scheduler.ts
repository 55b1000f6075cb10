import { Temporal } from 'temporal-polyfill';
import type { Mailer } from '../payments/index.ts';
import type { Ctx } from '../shared/context.ts';
import { runDailyJobs, type DailyJobsSummary } from './run-daily-jobs.ts';
import { claimNewRun, claimStaleRun, finishRun, recordRunError } from './scheduled-runs-repo.ts';

export const DAILY_JOB = 'daily-finance';

export type DailySchedule = {
  /** Local wall-clock time the day's run becomes due, 'HH:MM'. */
  timeOfDay: string;
  timeZone: string;
  mailer: Mailer;
  mailFrom: string;
  /** An unfinished run older than this is taken over (its process died or it failed). */
  retryAfterMs: number;
};

export type TickOutcome =
  | { outcome: 'not-due'; date: string }
  | { outcome: 'already-claimed'; date: string }
  | { outcome: 'ran'; date: string; summary: DailyJobsSummary }
  | { outcome: 'failed'; date: string; error: string };

/**
 * One check of the schedule: when today's run time has passed and nobody has claimed today,
 * claim it and run the finance day. Days missed while no process ran need no catch-up: the
 * billing run bills everything due up to its date.
 */
export async function runDueDailyJobs(ctx: Ctx, schedule: DailySchedule): Promise<TickOutcome> {
  const local = ctx.clock.now().toZonedDateTimeISO(schedule.timeZone);
  const date = local.toPlainDate().toString();
  if (Temporal.PlainTime.compare(local.toPlainTime(), Temporal.PlainTime.from(schedule.timeOfDay)) < 0) return { outcome: 'not-due', date };
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const claimed = (await claimNewRun(ctx, DAILY_JOB, date, now))
    || (await claimStaleRun(ctx, DAILY_JOB, date, new Date(now.getTime() - schedule.retryAfterMs), now));
  if (!claimed) return { outcome: 'already-claimed', date };
  try {
    const summary = await runDailyJobs(ctx, { date, mailer: schedule.mailer, mailFrom: schedule.mailFrom });
    await finishRun(ctx, DAILY_JOB, date, new Date(ctx.clock.now().epochMilliseconds), summary);
    ctx.log.info({ job: DAILY_JOB, ...summary }, 'daily finance run finished');
    return { outcome: 'ran', date, summary };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.error({ job: DAILY_JOB, date, err: error }, 'daily finance run failed; it is retried later');
    await recordRunError(ctx, DAILY_JOB, date, message);
    return { outcome: 'failed', date, error: message };
  }
}

export type DailyScheduler = { stop(): Promise<void> };

/** Checks the schedule now and every `checkMs`; one check at a time; stop() waits for a running one. */
export function startDailyScheduler(ctx: Ctx, schedule: DailySchedule, checkMs: number): DailyScheduler {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = runDueDailyJobs(ctx, schedule)
      .catch((error: unknown) => ctx.log.error({ err: error }, 'daily scheduler check failed'))
      .finally(() => { running = null; });
  };
  const timer = setInterval(tick, checkMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
