import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { sql } from 'kysely';
import { inTransaction, withActor } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { auditTrail, makeEntryInput } from './fixtures.ts';
import { closePeriod, listJournalEntries, listLedgerPeriods, postJournalEntry, reopenPeriod } from './index.ts';

/** Polls a condition (never a fixed sleep): true once it holds, false after about 5 s. */
async function eventually(condition: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 500; i += 1) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('ledger periods', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ start: '2026-03-05T09:00:00Z' });
  });
  afterAll(() => t.close());

  it('closes a month: postings into it are refused until an admin reopens it with a reason', async () => {
    await postJournalEntry(t.ctx, makeEntryInput({ entryDate: '2026-01-31' }));
    const closed = await closePeriod(t.ctx, '2026-01', { reason: 'January signed off' });
    expect(closed).toEqual({
      period: '2026-01', status: 'closed', closedAt: '2026-03-05T09:00:00.000Z', closedBy: 'system', reason: 'January signed off',
      updatedAt: '2026-03-05T09:00:00.000Z',
    });
    const refused = await appError(postJournalEntry(t.ctx, makeEntryInput({ entryDate: '2026-01-31' })));
    expect(refused).toMatchObject({ code: 'business_rule_violated', extra: { period: '2026-01' } });
    expect(refused.detail).toMatch(/Period 2026-01 is closed/);
    await expect(postJournalEntry(t.ctx, makeEntryInput({ entryDate: '2026-02-01' }))).resolves.toBeDefined();

    t.clock.advance({ hours: 1 });
    const reopened = await reopenPeriod(t.ctx, '2026-01', { reason: 'missed a credit note' });
    expect(reopened).toMatchObject({ status: 'open', closedAt: null, closedBy: null, reason: 'missed a credit note' });
    await expect(postJournalEntry(t.ctx, makeEntryInput({ entryDate: '2026-01-31' }))).resolves.toBeDefined();
    expect(await listLedgerPeriods(t.ctx)).toEqual([reopened]);

    const trail = await auditTrail(t.ctx, 'ledger_period', '2026-01');
    expect(trail.map((a) => [a.action, (a.before as { status?: string } | null)?.status ?? null, (a.after as { status: string; reason: string }).status, (a.after as { reason: string }).reason])).toEqual([
      ['close', null, 'closed', 'January signed off'],
      ['reopen', 'closed', 'open', 'missed a credit note'],
    ]);
  });

  it('refuses to close a month that has not ended, or one already closed; reopening needs a closed month and a reason', async () => {
    const early = await appError(closePeriod(t.ctx, '2026-03'));
    expect(early.code).toBe('business_rule_violated');
    expect(early.fieldErrors.map((f) => f.field)).toEqual(['params.period']);
    await closePeriod(t.ctx, '2025-12');
    expect((await appError(closePeriod(t.ctx, '2025-12'))).code).toBe('conflict');
    expect((await appError(reopenPeriod(t.ctx, '2025-11', { reason: 'x' }))).code).toBe('conflict');
    expect((await appError(reopenPeriod(t.ctx, '2025-12', { reason: '  ' }))).fieldErrors.map((f) => f.field)).toEqual(['body.reason']);
    expect((await appError(closePeriod(t.ctx, '2026-13'))).fieldErrors.map((f) => f.field)).toEqual(['params.period']);
  });

  it('lets only admins close and reopen, whatever door they come in by', async () => {
    const finance = withActor(t.ctx, { kind: 'user', id: 'usr_fin', role: 'finance', teamId: null, displayName: 'Fin' });
    expect((await appError(closePeriod(finance, '2026-02'))).code).toBe('forbidden');
    expect((await appError(reopenPeriod(finance, '2025-12', { reason: 'x' }))).code).toBe('forbidden');
  });

  // PGlite runs one transaction at a time, so only PostgreSQL can show the two overlapping.
  it.runIf(process.env['DATABASE_URL'])('makes a close wait for a posting into the month that is in flight', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const posting = inTransaction(t.ctx, async (tx) => {
      const entry = await postJournalEntry(tx, makeEntryInput({ entryDate: '2026-02-27' }));
      await gate;
      return entry;
    });
    // February's period lock in this test's database (objid is yyyymm, see lockPeriod).
    const advisoryLocks = async (mode: 'ShareLock' | 'ExclusiveLock', granted: boolean) => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_locks
        where locktype = 'advisory' and objid = 202602 and mode = ${mode} and granted = ${granted}
          and database = (select oid from pg_database where datname = current_database())`.execute(t.ctx.db);
      return rows[0]?.n ?? 0;
    };
    expect(await eventually(async () => (await advisoryLocks('ShareLock', true)) > 0)).toBe(true);
    const closing = closePeriod(t.ctx, '2026-02');
    expect(await eventually(async () => (await advisoryLocks('ExclusiveLock', false)) > 0)).toBe(true);
    release();
    const entry = await posting;
    await expect(closing).resolves.toMatchObject({ period: '2026-02', status: 'closed' });
    const february = await listJournalEntries(t.ctx, { startDate: '2026-02-01', endDate: '2026-03-01' });
    expect(february.data.map((e) => e.id)).toContain(entry.id);
  });
});
