import { describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { createSubscription } from '../create-subscription.ts';
import { makeAccount, makeItemInput, makeSubscriptionInput } from '../fixtures.ts';
import { holdRunLock } from './billing-run-liveness.ts';
import { runBilling } from './run-billing.ts';
import { invoicingDb } from './tables.ts';

async function seed(t: TestContext, count: number): Promise<void> {
  const accountId = await makeAccount(t.ctx);
  for (let i = 0; i < count; i += 1) {
    await createSubscription(t.ctx, makeSubscriptionInput(accountId, { startDate: `2026-01-0${1 + i}`, items: [makeItemInput({ quantity: 1 + i })] }));
  }
}

/** A row as a run's startRun writes it. */
async function insertRunningRow(t: TestContext, id: string): Promise<void> {
  await invoicingDb(t.ctx).insertInto('billing_runs').values({
    id, run_date: '2026-02-01', issue: true, status: 'running', actor_id: null, started_at: new Date('2026-02-01T06:00:00Z'), finished_at: null,
  }).execute();
}

async function statusOf(t: TestContext, id: string): Promise<string | undefined> {
  const row = await invoicingDb(t.ctx).selectFrom('billing_runs').select('status').where('id', '=', id).executeTakeFirst();
  return row?.status;
}

// docs/billing.md "Interrupted runs": a live run holds an advisory lock named after it; a 'running'
// row without one belongs to a process that is gone.
describe('billing runs whose process is gone', () => {
  it('are marked interrupted when the next run starts; a run still alive is left running', async () => {
    const t = await createTestContext({ start: '2026-03-01T06:00:00Z' });
    try {
      await seed(t, 3);
      // Left by a killed process: its row committed, its session (and lock) ended with it.
      await insertRunningRow(t, 'brun_killed');
      // Alive meanwhile: holds its lock (on PostgreSQL on a connection of its own, as another process would).
      const live = await holdRunLock(t.ctx, 'brun_alive', async () => {
        await insertRunningRow(t, 'brun_alive');
        return runBilling(t.ctx, { date: '2026-03-01', issue: true });
      });
      expect(live.errors).toEqual([]);
      expect(live.invoicesIssued).toBeGreaterThan(0);
      expect(await statusOf(t, 'brun_killed')).toBe('interrupted');
      expect(await statusOf(t, live.runId)).toBe('completed');
      expect(await statusOf(t, 'brun_alive')).toBe('running');

      // Its lock released without finishing (as when its process dies): the next run marks it.
      const next = await runBilling(t.ctx, { date: '2026-03-01', issue: true });
      expect(next.invoicesIssued).toBe(0);
      expect(await statusOf(t, 'brun_alive')).toBe('interrupted');
      expect(await statusOf(t, next.runId)).toBe('completed');
      const statuses = await invoicingDb(t.ctx).selectFrom('billing_runs').select('status').execute();
      expect(statuses.filter((row) => row.status === 'running')).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('a run that fails (not a row error) marks its own row interrupted', async () => {
    const t = await createTestContext({ start: '2026-03-01T06:00:00Z' });
    try {
      await seed(t, 3);
      await expect(runBilling(t.ctx, { date: '2026-03-01', issue: true, batchSize: 1, afterSubscription: (done) => {
        if (done === 2) throw new Error('simulated crash');
      } })).rejects.toThrow('simulated crash');
      const rows = await invoicingDb(t.ctx).selectFrom('billing_runs').select(['status', 'finished_at']).execute();
      expect(rows).toEqual([{ status: 'interrupted', finished_at: null }]);
    } finally {
      await t.close();
    }
  });
});
