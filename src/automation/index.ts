export { runDailyJobs, type DailyJobsInput, type DailyJobsSummary } from './run-daily-jobs.ts';
export { runDueDailyJobs, startDailyScheduler, DAILY_JOB, type DailySchedule, type DailyScheduler, type TickOutcome } from './daily-scheduler.ts';
export { findRun, type ScheduledRun } from './scheduled-runs-repo.ts';
