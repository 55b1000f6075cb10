import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createSubscription, listInvoices } from '../billing/index.ts';
import { makeAccount, makeItemInput, makeSubscriptionInput } from '../billing/fixtures.ts';
import type { Mailer } from '../payments/index.ts';

type MailMessage = Parameters<Mailer['send']>[0];
import { DAILY_JOB, runDueDailyJobs, type DailySchedule } from './daily-scheduler.ts';
import { findRun } from './scheduled-runs-repo.ts';

/** A mailer that keeps what it was asked to send (dunning is exercised in payments' own tests). */
function memoryMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, send: async (message) => { sent.push(message); return { channel: 'outbox', location: `memory:${sent.length}` }; } };
}

describe('the daily finance run', () => {
  let t: TestContext;
  let schedule: DailySchedule;
  beforeAll(async () => {
    // 01:30 in Berlin on 1 Feb is 00:30 UTC: before a 02:00 Berlin schedule.
    t = await createTestContext({ start: '2026-02-01T00:30:00Z' });
    const accountId = await makeAccount(t.ctx);
    await createSubscription(t.ctx, makeSubscriptionInput(accountId, { startDate: '2026-01-01', items: [makeItemInput()] }));
    schedule = { timeOfDay: '02:00', timeZone: 'Europe/Berlin', mailer: memoryMailer(), mailFrom: 'ar@example.com', retryAfterMs: 30 * 60_000 };
  });
  afterAll(() => t.close());

  const issuedCount = async () => (await listInvoices(t.ctx, { limit: 100 })).data.filter((invoice) => invoice.status !== 'draft').length;

  it('waits for the local time of day, runs the day once, and runs again the next day', async () => {
    expect(await runDueDailyJobs(t.ctx, schedule)).toEqual({ outcome: 'not-due', date: '2026-02-01' });
    expect(await findRun(t.ctx, DAILY_JOB, '2026-02-01')).toBeNull();
    expect(await issuedCount()).toBe(0);

    t.clock.set('2026-02-01T01:00:00Z'); // 02:00 in Berlin
    const first = await runDueDailyJobs(t.ctx, schedule);
    expect(first.outcome).toBe('ran');
    if (first.outcome !== 'ran') throw new Error('unreachable');
    expect(first.summary.billing.errors).toBe(0);
    // The embedded database has no autovacuum: the day ends with its VACUUM (ANALYZE); PostgreSQL's autovacuum needs none.
    const embedded = !process.env['DATABASE_URL'];
    expect(first.summary.database.vacuumed).toBe(embedded);
    const vacuumed = await sql<{ n: bigint }>`select coalesce(max(vacuum_count), 0) as n from pg_stat_user_tables where relname = 'invoices'`.execute(t.ctx.db);
    if (embedded) expect(Number(vacuumed.rows[0]?.n)).toBeGreaterThan(0);
    expect(first.summary.billing.invoicesIssued).toBeGreaterThan(0);
    const issuedOnFirstDay = await issuedCount();
    expect(issuedOnFirstDay).toBe(first.summary.billing.invoicesIssued);
    const run = await findRun(t.ctx, DAILY_JOB, '2026-02-01');
    expect(run).toMatchObject({ attempts: 1, lastError: null });
    expect(run?.finishedAt).toBeInstanceOf(Date);

    // Later the same day, and a second process: today is taken, nothing is billed twice.
    t.clock.set('2026-02-01T15:00:00Z');
    expect(await runDueDailyJobs(t.ctx, schedule)).toEqual({ outcome: 'already-claimed', date: '2026-02-01' });
    expect(await issuedCount()).toBe(issuedOnFirstDay);

    // A month on: the run of 1 March bills February's due invoices.
    t.clock.set('2026-03-01T05:00:00Z');
    const next = await runDueDailyJobs(t.ctx, schedule);
    expect(next).toMatchObject({ outcome: 'ran', date: '2026-03-01' });
    expect(await issuedCount()).toBeGreaterThan(issuedOnFirstDay);
  });

  it('takes over a day whose run never finished once the retry delay has passed', async () => {
    t.clock.set('2026-03-02T05:00:00Z');
    const before = new Date(t.clock.now().epochMilliseconds);
    // A run claimed by a process that then died: started, never finished.
    await t.ctx.db.insertInto('scheduled_job_runs' as never).values({ job: DAILY_JOB, run_date: '2026-03-02', started_at: before, attempts: 1 } as never).execute();
    expect(await runDueDailyJobs(t.ctx, schedule)).toEqual({ outcome: 'already-claimed', date: '2026-03-02' });
    t.clock.set('2026-03-02T05:31:00Z');
    expect(await runDueDailyJobs(t.ctx, schedule)).toMatchObject({ outcome: 'ran', date: '2026-03-02' });
    expect(await findRun(t.ctx, DAILY_JOB, '2026-03-02')).toMatchObject({ attempts: 2, lastError: null });
  });
});
