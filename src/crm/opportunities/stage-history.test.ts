import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { AppError } from '../../shared/errors.ts';
import { makeAccountInput } from '../fixtures.ts';
import { getStage, updateStage } from '../pipeline/index.ts';
import { createAccount } from '../index.ts';
import { auditTrailOf, makeOpportunityInput } from './fixtures.ts';
import { changeOpportunityStage, createOpportunity, listStageHistory, recordStageHistory, updateOpportunity } from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('opportunity stages and their history', () => {
  let t: TestContext;
  let accountId = '';
  beforeAll(async () => {
    t = await createTestContext();
    accountId = (await createAccount(t.ctx, makeAccountInput())).id;
  });
  afterAll(() => t.close());

  it('closes the current row and opens the next at each change, on the clock, with time in stage', async () => {
    const opportunity = await createOpportunity(t.ctx, makeOpportunityInput(accountId, { stage: 'qualification' }));
    expect(opportunity).toMatchObject({ stage: 'qualification', probabilityBps: 2000, forecastCategory: 'pipeline' });
    t.clock.advance({ days: 3 });
    const proposal = await changeOpportunityStage(t.ctx, { id: opportunity.id, expectedVersion: 1, stage: 'proposal' });
    expect(proposal).toMatchObject({ stage: 'proposal', probabilityBps: 6000, forecastCategory: 'best_case', version: 2 });
    t.clock.advance({ hours: 5 });
    // An amount change is not a stage change: no new row.
    await updateOpportunity(t.ctx, { id: opportunity.id, expectedVersion: 2, changes: { amount: { amountMinor: 2_000_000, currency: 'EUR' } } });
    t.clock.advance({ hours: 19 });
    const won = await updateOpportunity(t.ctx, { id: opportunity.id, expectedVersion: 3, changes: { stage: 'closed_won' } });
    expect(won).toMatchObject({ status: 'won', won: true, probabilityBps: 10_000, forecastCategory: 'closed', closedAt: '2026-01-19T09:00:00.000Z' });
    t.clock.advance({ hours: 2 });

    expect(await listStageHistory(t.ctx, opportunity.id)).toEqual([
      { stage: 'qualification', enteredAt: '2026-01-15T09:00:00.000Z', leftAt: '2026-01-18T09:00:00.000Z', timeInStageMs: 3 * 86_400_000, amountAtEntry: { amountMinor: 1_000_000, currency: 'EUR' }, actorId: 'system' },
      { stage: 'proposal', enteredAt: '2026-01-18T09:00:00.000Z', leftAt: '2026-01-19T09:00:00.000Z', timeInStageMs: 86_400_000, amountAtEntry: { amountMinor: 1_000_000, currency: 'EUR' }, actorId: 'system' },
      { stage: 'closed_won', enteredAt: '2026-01-19T09:00:00.000Z', leftAt: null, timeInStageMs: 2 * 3_600_000, amountAtEntry: { amountMinor: 2_000_000, currency: 'EUR' }, actorId: 'system' },
    ]);
  });

  it('requires a lost reason to lose, clears it and closedAt on reopening, and keeps an override of probability', async () => {
    const opportunity = await createOpportunity(t.ctx, makeOpportunityInput(accountId, { stage: 'negotiation', probabilityBps: 7500 }));
    expect(opportunity).toMatchObject({ probabilityBps: 7500, forecastCategory: 'commit' });
    const missing = await appError(changeOpportunityStage(t.ctx, { id: opportunity.id, expectedVersion: 1, stage: 'closed_lost' }));
    expect(missing.code).toBe('validation_failed');
    expect(missing.fieldErrors.map((f) => f.field)).toEqual(['body.lostReason']);
    expect((await listStageHistory(t.ctx, opportunity.id)).map((e) => e.stage)).toEqual(['negotiation']);

    const lost = await changeOpportunityStage(t.ctx, { id: opportunity.id, expectedVersion: 1, stage: 'closed_lost', lostReason: 'Price' });
    expect(lost).toMatchObject({ status: 'lost', won: false, lostReason: 'Price', probabilityBps: 0, forecastCategory: 'omitted', closedAt: t.clock.now().toString({ fractionalSecondDigits: 3 }) });
    const misplaced = await appError(updateOpportunity(t.ctx, { id: opportunity.id, expectedVersion: 2, changes: { stage: 'proposal', lostReason: 'x' } }));
    expect(misplaced.fieldErrors.map((f) => f.field)).toEqual(['body.lostReason']);
    const reopened = await updateOpportunity(t.ctx, { id: opportunity.id, expectedVersion: 2, changes: { stage: 'proposal', probabilityBps: 5500 } });
    expect(reopened).toMatchObject({ status: 'open', lostReason: null, closedAt: null, probabilityBps: 5500, forecastCategory: 'best_case' });
    expect((await listStageHistory(t.ctx, opportunity.id)).map((e) => [e.stage, e.leftAt === null])).toEqual([
      ['negotiation', false], ['closed_lost', false], ['proposal', true],
    ]);
  });

  it('refuses moves into an inactive stage but leaves opportunities already in it alone', async () => {
    const opportunity = await createOpportunity(t.ctx, makeOpportunityInput(accountId, { stage: 'discovery' }));
    const stage = await getStage(t.ctx, 'discovery');
    const inactive = await updateStage(t.ctx, { key: 'discovery', expectedVersion: stage.version, changes: { active: false } });
    try {
      const renamed = await updateOpportunity(t.ctx, { id: opportunity.id, expectedVersion: 1, changes: { name: 'Still here' } });
      expect(renamed.stage).toBe('discovery');
      const refused = await appError(createOpportunity(t.ctx, makeOpportunityInput(accountId, { stage: 'discovery' })));
      expect(refused.fieldErrors.map((f) => f.field)).toEqual(['body.stage']);
    } finally {
      await updateStage(t.ctx, { key: 'discovery', expectedVersion: inactive.version, changes: { active: true } });
    }
  });

  it('replaces the history from an import, audited, and rejects overlaps and a wrong current stage', async () => {
    const opportunity = await createOpportunity(t.ctx, makeOpportunityInput(accountId, { stage: 'proposal' }));
    const entries = [
      { stage: 'prospecting', enteredAt: '2025-10-01T08:00:00Z', leftAt: '2025-10-10T08:00:00Z' },
      { stage: 'discovery', enteredAt: '2025-10-12T08:00:00Z', leftAt: '2025-11-01T08:00:00Z', amountAtEntry: { amountMinor: 500, currency: 'USD' }, actorId: 'sf:005X' },
      { stage: 'proposal', enteredAt: '2025-11-01T08:00:00Z' },
    ];
    const history = await recordStageHistory(t.ctx, opportunity.id, entries);
    expect(history.map((e) => [e.stage, e.enteredAt, e.leftAt, e.timeInStageMs])).toEqual([
      ['prospecting', '2025-10-01T08:00:00.000Z', '2025-10-10T08:00:00.000Z', 9 * 86_400_000],
      ['discovery', '2025-10-12T08:00:00.000Z', '2025-11-01T08:00:00.000Z', 20 * 86_400_000],
      ['proposal', '2025-11-01T08:00:00.000Z', null, Date.parse(t.clock.now().toString()) - Date.parse('2025-11-01T08:00:00Z')],
    ]);
    expect(history[1]).toMatchObject({ amountAtEntry: { amountMinor: 500, currency: 'USD' }, actorId: 'sf:005X' });
    expect(await recordStageHistory(t.ctx, opportunity.id, entries)).toEqual(history);
    const audit = await auditTrailOf(t.ctx, 'opportunity', opportunity.id);
    expect(audit.map((row) => row.action)).toEqual(['create', 'replace_stage_history', 'replace_stage_history']);

    const bad: Array<[typeof entries, string[]]> = [
      [[{ stage: 'prospecting', enteredAt: '2025-10-01T08:00:00Z', leftAt: '2025-10-10T08:00:00Z' }, { stage: 'proposal', enteredAt: '2025-10-09T08:00:00Z' }], ['body.entries.1.enteredAt']],
      [[{ stage: 'prospecting', enteredAt: '2025-10-01T08:00:00Z' }, { stage: 'proposal', enteredAt: '2025-10-09T08:00:00Z' }], ['body.entries.0.leftAt']],
      [[{ stage: 'prospecting', enteredAt: '2025-10-01T08:00:00Z' }], ['body.entries.0.stage']],
      [[{ stage: 'proposal', enteredAt: '2025-10-01T08:00:00Z', leftAt: '2025-09-01T08:00:00Z' }], ['body.entries.0.leftAt', 'body.entries.0.leftAt']],
      [[{ stage: 'gone', enteredAt: '2025-10-01T08:00:00Z', leftAt: '2025-10-02T08:00:00Z' }, { stage: 'proposal', enteredAt: '2025-10-03T08:00:00Z' }], ['body.entries.0.stage']],
      [[{ stage: 'proposal', enteredAt: '2030-01-01T00:00:00Z' }], ['body.entries.0.enteredAt']],
      [[{ stage: 'proposal', enteredAt: 'yesterday' }], ['body.entries.0.enteredAt']],
    ];
    for (const [attempt, fields] of bad) {
      const error = await appError(recordStageHistory(t.ctx, opportunity.id, attempt));
      expect(error.fieldErrors.map((f) => f.field), JSON.stringify(attempt)).toEqual(fields);
    }
    expect(await listStageHistory(t.ctx, opportunity.id)).toEqual(history);
  });

  it('keeps at most one current row per opportunity in the database itself', async () => {
    const opportunity = await createOpportunity(t.ctx, makeOpportunityInput(accountId));
    const insert = t.ctx.db.withTables<{ opportunity_stage_history: Record<string, unknown> }>()
      .insertInto('opportunity_stage_history')
      .values({ opportunity_id: opportunity.id, stage_key: 'proposal', entered_at: new Date(), left_at: null, amount_minor: 1n, currency: 'EUR', actor_id: 'x' })
      .execute();
    await expect(insert).rejects.toMatchObject({ code: '23505' });
  });
});
